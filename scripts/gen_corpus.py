"""Generate wire-style news drafts for benchmarks: deterministic, varied, written from templates.

    python scripts/gen_corpus.py --mb 1 --out /tmp/corpus            # ~1 MiB of drafts, one per file
    python scripts/gen_corpus.py --drafts 50 --seed 7 --out DIR      # exactly 50 drafts
    python scripts/gen_corpus.py --mb 50 --single --out DIR          # one 50 MiB draft (corpus.txt)

From Python: `generate(n_drafts, seed) -> list[str]`, `iter_drafts(seed)` (endless) and
`corpus(n_bytes, seed)` (drafts until their UTF-8 size reaches `n_bytes`). Draft i depends only on
(seed, i), so the first k drafts of any run with the same seed are the same.

Every pattern the engine reads appears, in the proportions of ordinary wire copy: attribution
before and after the content, "according to" and "per", statements and emailed comments, passive
"first reported by", two outlets in one sentence, direct quotes with their speaker, conduits ("told
X", "citing", "seen by", "quoted … as saying"), references back ("the report said", "it added"),
continuation sentences with no cue, unattributed figures and hedges, non-responses (one company
or a list), outlets that are merely the subject, appositions, corroborating repeats, abbreviations
(U.S., Mr., Inc., Corp., No. 1, e.g., Sept. 30, a.m.), decimals and money, Title Case and question
headings, and blank lines that hold a space or a non-breaking space. Companies and people are
invented; outlets are real names, because resolving them is part of the work being measured.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

OUTLETS = [
    "Reuters",
    "Bloomberg",
    "the Financial Times",
    "the FT",
    "The Wall Street Journal",
    "the Journal",
    "Nikkei Asia",
    "the Associated Press",
    "AFP",
    "The Information",
    "Caixin",
    "Yonhap",
    "Kyodo News",
    "the South China Morning Post",
    "The Guardian",
    "the BBC",
    "Axios",
    "Le Monde",
    "The Hindu",
    "Al Jazeera",
    "Handelsblatt",
    "The New York Times",
    "the Nikkei",
    "Xinhua",
    "The Economist",
]
OWNERS = ["a Tokyo publishing group", "a family trust", "its staff foundation", "a listed media company"]
COMPANIES = [
    "Northwind Robotics",
    "Halvorsen Shipping",
    "Meridian Grid Corp.",
    "Calder Semiconductor Inc.",
    "Tessaro Foods",
    "Lumen Batteries",
    "Orchard Telecom",
    "Brightwater Mining",
    "Kestrel Air",
    "Sunfield Solar Co.",
    "Vantor Logistics",
    "Pelham Bank",
    "Aurelia Pharma",
    "Granite Peak Capital",
    "Sable Motors",
    "Quillon Software",
    "Harrow & Finch",
    "Oakridge Steel Corp.",
    "Nimbus Cloud Ltd.",
]
PEOPLE = [
    ("Maria Okafor", "Ms. Okafor"),
    ("Daniel Reyes", "Mr. Reyes"),
    ("Aiko Tanabe", "Ms. Tanabe"),
    ("Lars Nyberg", "Mr. Nyberg"),
    ("Priya Raman", "Dr. Raman"),
    ("Tomás Ferreira", "Mr. Ferreira"),
    ("Hannah Cole", "Ms. Cole"),
    ("Kwame Mensah", "Mr. Mensah"),
    ("Yuki Morita", "Mr. Morita"),
]
ROLES = ["chief executive", "finance chief", "head of sales", "chief operating officer", "chair"]
GROUPS = [
    "people familiar with the matter",
    "two people briefed on the talks",
    "a person with knowledge of the plans",
    "analysts at Harbour Securities",
    "industry executives",
    "three current and former employees",
    "Singapore based operators",
    "traders in London",
    "officials involved in the negotiations",
]
OFFICIALS = [
    "a U.S. Commerce Department official",
    "the European Commission",
    "Japan's trade ministry",
    "a spokesperson for the port authority",
    "the Securities and Exchange Commission",
    "Brazil's central bank",
    "an administration official",
]
DOCUMENTS = [
    "company filings",
    "a court filing",
    "a regulatory notice",
    "an internal memo",
    "a stock exchange filing",
]
PRODUCTS = [
    "lithium cells",
    "memory chips",
    "solar panels",
    "jet fuel",
    "container capacity",
    "wind turbines",
    "fertiliser",
    "copper cathodes",
    "AI accelerators",
    "frozen seafood",
]
PLACES = [
    "Vietnam",
    "Mexico",
    "Poland",
    "Malaysia",
    "Kenya",
    "Chile",
    "the Philippines",
    "Morocco",
    "the U.S.",
]
UNITS = ["consumer", "cloud", "freight", "retail banking", "battery", "aircraft leasing"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday"]
QUARTERS = ["first", "second", "third", "fourth"]
NONRESPONSES = [
    "did not respond to requests for comment",
    "declined to comment",
    "could not immediately be reached for comment",
    "did not reply to emailed questions",
    "had no immediate comment",
    "did not respond to a request for comment outside business hours",
]
QUOTES = [
    "We are not going to chase volume at any price",
    "This is the largest order in our history, and we intend to deliver it on time",
    "Demand has not come back the way we expected",
    "We will keep investing in {place} for as long as the rules allow it",
    "Nobody in this industry saw the price move coming",
    "The numbers speak for themselves",
    "We looked at Vietnam, we looked at Mexico… and we chose neither",
    "It is too early to say whether the cuts will be enough",
]
REFERENCES = [
    "The report said",
    "The newspaper added that",
    "The agency said",
    "The company said",
    "The person said",
    "It said",
    "It added that",
    "The filing showed that",
    "The official said",
]
HEADLINES = [
    "{Company} Weighs Sale Of {Unit} Unit",
    "Why Are {Product} Makers Moving To {Place}?",
    "{Company} To Cut Jobs As Demand Slows",
    "What Happens To {Product} Prices Now?",
    "Talks Over {Company} Stake Stall",
    "How New Export Rules Hit {Product}",
]
SECTIONS = [
    "What Comes Next?",
    "Why It Matters",
    "How The Deal Came Together",
    "Who Else Is Affected?",
    "A Crowded Market",
    "What The Numbers Show",
]
PARAGRAPH_BREAKS = ["\n\n"] * 6 + ["\n \n", "\n\u00a0\n", "\n\n \n\n"]


class _Draft:
    """The state of one draft being written: its random stream and what it has said so far."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.company = rng.choice(COMPANIES)
        self.others = rng.sample([c for c in COMPANIES if c != self.company], 4)
        self.clauses: list[str] = []

    # --- words ---------------------------------------------------------------------------------

    def pick(self, items: list[str]) -> str:
        return self.rng.choice(items)

    def money(self) -> str:
        r = self.rng
        amount = r.choice([f"{r.randint(1, 9)}.{r.randint(1, 9)}", str(r.randint(12, 950))])
        return f"${amount} {self.pick(['million', 'billion'])}"

    def pct(self) -> str:
        return f"{self.rng.randint(1, 40)}.{self.rng.randint(0, 9)}%"

    def date(self) -> str:
        return f"{self.pick(MONTHS)} {self.rng.randint(1, 28)}"

    def any_company(self) -> str:
        return self.company if self.rng.random() < 0.5 else self.pick(self.others)

    def clause(self) -> str:
        """A piece of news with no source of its own (the content an attribution vouches for)."""
        r = self.rng
        company = self.any_company()
        other = self.pick([c for c in self.others if c != company])
        product, place = self.pick(PRODUCTS), self.pick(PLACES)
        options = [
            f"{company} plans to cut about {r.randint(2, 90) * 100} jobs by the end of next year",
            f"{company} is in talks to buy a stake in {other} for about {self.money()}",
            f"revenue at {company} rose {self.pct()} to {self.money()} in the {self.pick(QUARTERS)} quarter",
            f"the U.S. government is preparing new limits on exports of {product} to {place}",
            f"{company} will move part of its {product} production to {place} from {self.date()}",
            f"the deal could be announced as soon as {self.pick(DAYS)}",
            f"shipments of {product} to {place} fell {self.pct()} in {self.pick(MONTHS)}",
            f"{company} has hired advisers to explore a sale of its {self.pick(UNITS)} unit",
            f"prices for {product} have climbed for {r.randint(2, 11)} straight months, e.g. in {place}",
            f"the board of {company} met at 9 a.m. on {self.pick(DAYS)} to discuss the offer",
            f"{company} became the No. {r.randint(1, 3)} supplier of {product} in {place} last year",
            f"output at the plant in St. Louis ran at {r.randint(30, 95)}% of capacity until {self.date()}",
        ]
        text = self.pick(options)
        self.clauses.append(text)
        return text

    # --- sentences ----------------------------------------------------------------------------

    def attributed(self) -> str:
        """A sentence that names its source, in one of the many shapes wire copy uses."""
        r = self.rng
        outlet, outlet2 = r.sample(OUTLETS, 2)
        name, short = self.pick_person()
        content = self.clause()
        shapes: list[Callable[[], str]] = [
            lambda: f"{_cap(outlet)} reported that {content}.",
            lambda: f"{_cap(outlet)} reported on {self.pick(DAYS)} that {content}.",
            lambda: f"{_cap(content)}, {outlet} reported on {self.pick(DAYS)}.",
            lambda: f"According to {outlet}, {content}.",
            lambda: f"{_cap(content)}, according to {self.pick(DOCUMENTS)}.",
            lambda: f"{_cap(content)}, per {self.pick(DOCUMENTS)}.",
            lambda: f"{self.any_company()} said in a statement that {content}.",
            lambda: f"{_cap(self.pick(OFFICIALS))} said {content}.",
            lambda: f"Both {outlet} and {outlet2} reported that {content}.",
            lambda: f"{_cap(self.pick(GROUPS))} told {outlet} that {content}.",
            lambda: f"{_cap(content)}, {outlet} reported, citing {self.pick(GROUPS)}.",
            lambda: f"In a letter seen by {outlet}, {self.any_company()} said {content}.",
            lambda: f"{_cap(outlet)} quoted {name} of {self.company} as saying {content}.",
            lambda: f"{name}, {self.pick(ROLES)} at {self.company}, told analysts on a call that {content}.",
            lambda: f"{short} added that {content}.",
            lambda: f"{_cap(self.pick(GROUPS))} estimated that {content}.",
        ]
        return self.pick(shapes)()

    def pick_person(self) -> tuple[str, str]:
        return self.rng.choice(PEOPLE)

    def quote(self) -> str:
        words = self.pick(QUOTES).format(place=self.pick(PLACES))
        name, short = self.pick_person()
        shapes = [
            f"“{words},” {name}, {self.pick(ROLES)} of {self.company}, said.",
            f"“{words},” said {short}.",
            f"“{words},” a spokesperson for {self.any_company()} said in an email.",
            f"“{words}.” {short} said on {self.pick(DAYS)}.",
        ]
        return self.pick(shapes)

    def reference(self) -> str:
        return f"{self.pick(REFERENCES)} {self.clause()}."

    def continuation(self) -> str:
        """A sentence with no cue of its own, as wire copy writes after an attributed one."""
        return f"{_cap(self.clause())}."

    def unattributed(self) -> str:
        r = self.rng
        shapes = [
            lambda: f"{_cap(self.clause())}.",
            lambda: f"{self.any_company()} is reportedly weighing a sale of its {self.pick(UNITS)} unit.",
            lambda: f"The plant was said to be running at {r.randint(20, 80)}% of capacity.",
            lambda: f"Shares of {self.any_company()} rose {self.pct()} in early trading.",
            lambda: (
                f"{_cap(self.pick(OUTLETS))}, which is owned by {self.pick(OWNERS)}, "
                f"is expanding its {self.pick(PLACES)} desk."
            ),
        ]
        return self.pick(shapes)()

    def corroboration(self) -> str | None:
        """An outlet repeating a claim made earlier in the draft (near-duplicate, second source)."""
        if not self.clauses:
            return None
        return f"{_cap(self.pick(OUTLETS))} also reported that {self.pick(self.clauses)}."

    def apposition(self) -> str:
        parent, child = self.rng.sample(COMPANIES, 2)
        return f"{parent}, the parent of {child}, said {self.clause()}."

    def nonresponse(self) -> str:
        r = self.rng
        phrase = self.pick(NONRESPONSES)
        if r.random() < 0.4:
            names = [self.company, *self.others[: r.randint(1, 3)]]
            who = ", ".join(names[:-1]) + " and " + names[-1]
        else:
            company = self.any_company()
            who = self.pick([company, f"A spokesperson for {company}", self.pick(OFFICIALS)])
        tail = f", {self.pick(OUTLETS)} reported" if r.random() < 0.3 else ""
        return f"{_cap(who)} {phrase}{tail}."

    # --- paragraphs ---------------------------------------------------------------------------

    def paragraph(self) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.12:
            sentences = [self.quote(), *([self.attributed()] if r.random() < 0.5 else [])]
        elif roll < 0.22:
            sentences = [self.unattributed() for _ in range(r.randint(1, 3))]
        elif roll < 0.28:
            sentences = [self.apposition(), self.continuation()]
        else:
            sentences = [self.attributed()]
            for _ in range(r.randint(0, 3)):
                step = r.random()
                if step < 0.35:
                    sentences.append(self.continuation())
                elif step < 0.6:
                    sentences.append(self.reference())
                elif step < 0.75:
                    sentences.append(self.corroboration() or self.continuation())
                elif step < 0.85:
                    sentences.append(self.nonresponse())
                else:
                    sentences.append(self.attributed())
        return " ".join(_tidy(sentence) for sentence in sentences)

    def headline(self) -> str:
        return self.pick(HEADLINES).format(
            Company=self.company.removesuffix(" Inc.").removesuffix(" Corp."),
            Unit=_cap(self.pick(UNITS)),
            Product=" ".join(_cap(w) for w in self.pick(PRODUCTS).split()),
            Place=_cap(self.pick(PLACES)),
        )

    def write(self) -> str:
        r = self.rng
        parts: list[str] = [self.headline()]
        lede = f"{self.pick(['SINGAPORE', 'LONDON', 'NEW YORK', 'SAO PAULO', 'NAIROBI'])}, {self.date()} - "
        parts.append((lede if r.random() < 0.5 else "") + self.paragraph())
        for _ in range(r.randint(3, 9)):
            if r.random() < 0.2:
                parts.append(self.pick(SECTIONS))
            parts.append(self.paragraph())
        if r.random() < 0.6:
            parts.append(_tidy(self.nonresponse()))
        text = parts[0]
        for part in parts[1:]:
            text += self.pick(PARAGRAPH_BREAKS) + part
        return text + "\n"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tidy(sentence: str) -> str:
    """One full stop where content ending in an abbreviation ("the U.S.") meets the sentence's."""
    return sentence[:-1] if sentence.endswith("..") else sentence


def draft(seed: int | str, index: int) -> str:
    """Draft number `index` of the corpus `seed`."""
    # A string seed hashes the same in every process (unlike hash()-based seeding of tuples).
    return _Draft(random.Random(f"factcheck-corpus:{seed}:{index}")).write()


def iter_drafts(seed: int | str = 1) -> Iterator[str]:
    """Drafts 0, 1, 2, … of the corpus `seed`, without end."""
    index = 0
    while True:
        yield draft(seed, index)
        index += 1


def generate(n_drafts: int, seed: int | str = 1) -> list[str]:
    """`n_drafts` wire-style drafts, the same for the same seed."""
    return [draft(seed, index) for index in range(n_drafts)]


def corpus(n_bytes: int, seed: int | str = 1) -> list[str]:
    """Drafts of the corpus `seed` until their total UTF-8 size reaches `n_bytes`."""
    drafts, total = [], 0
    for text in iter_drafts(seed):
        if total >= n_bytes:
            break
        drafts.append(text)
        total += len(text.encode("utf-8"))
    return drafts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--mb", type=float, default=1.0, help="total size in MiB (default 1)")
    size.add_argument("--drafts", type=int, help="number of drafts instead of a size")
    parser.add_argument("--seed", default="1", help="corpus seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="directory to write into (created)")
    parser.add_argument("--single", action="store_true", help="write one draft, corpus.txt, of everything")
    args = parser.parse_args(argv)

    drafts = generate(args.drafts, args.seed) if args.drafts is not None else corpus(int(args.mb * 2**20), args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.single:
        (args.out / "corpus.txt").write_text("\n".join(drafts), encoding="utf-8")
        written = 1
    else:
        width = len(str(len(drafts)))
        for index, text in enumerate(drafts):
            (args.out / f"draft-{index:0{width}d}.txt").write_text(text, encoding="utf-8")
        written = len(drafts)
    size_mb = sum(len(t.encode("utf-8")) for t in drafts) / 2**20
    print(f"wrote {written} file(s), {len(drafts)} drafts, {size_mb:.2f} MiB, to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
