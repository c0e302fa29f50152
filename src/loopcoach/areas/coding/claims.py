"""Complexity claims as candidates say them, parsed and normalised.

``parse_bound("O(2n)")`` is ``O(n)`` (a coefficient, not an exponent), ``"V+E"`` stays
two-variable, ``"n log n"``, ``"linear"``, ``"n squared"``, ``"Θ(k log n)"`` and
``"log-linear"`` all parse. ``parse_claim`` reads a whole sentence ("quadratic in the
worst case, linear on average", "O(n) time and constant extra space") into its time,
space and case parts. A bound keeps every variable; ``one_variable`` gives the nearest of
the estimator's seven classes (all variables read as n), ``in_variable`` the class when
only one variable grows.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

# a factor of a term: variable -> (polynomial power, power of its logarithm)
Powers = tuple[tuple[str, float, int], ...]


@dataclass(frozen=True)
class Term:
    """One product of powers: n^2 log m, 2^n (``exp``), n! (``fact``)."""

    powers: Powers = ()
    exp: tuple[str, ...] = ()
    fact: tuple[str, ...] = ()

    def times(self, other: Term) -> Term:
        """The product of two terms."""
        acc: dict[str, list[float]] = {}
        for var, p, lg in (*self.powers, *other.powers):
            cur = acc.setdefault(var, [0.0, 0])
            cur[0] += p
            cur[1] += lg
        powers = tuple(sorted((v, float(p), int(lg)) for v, (p, lg) in acc.items() if p or lg))
        return Term(powers, tuple(sorted({*self.exp, *other.exp})), tuple(sorted({*self.fact, *other.fact})))

    def power(self, k: float) -> Term:
        """The term raised to ``k`` (polynomial and log powers scale)."""
        return Term(tuple((v, p * k, int(lg * k)) for v, p, lg in self.powers), self.exp, self.fact)

    def key(self, var: str) -> tuple[int, int, float, int]:
        """Growth of the term in one variable: (factorial, exponential, power, log power)."""
        p, lg = next(((p, lg) for v, p, lg in self.powers if v == var), (0.0, 0))
        return (var in self.fact, var in self.exp, p, lg)

    def variables(self) -> set[str]:
        """Every variable the term grows with."""
        return {v for v, _, _ in self.powers} | set(self.exp) | set(self.fact)

    def text(self) -> str:
        """``n^2 log m``-style text (``1`` for a constant)."""
        parts: list[str] = []
        for v in self.fact:
            parts.append(f"{v}!")
        for v in self.exp:
            parts.append(f"2^{v}")
        polys = [(v, p) for v, p, _ in self.powers if p]
        for v, p in polys:
            parts.append(v if p == 1 else f"{v}^{_num(p)}")
        for v, _, lg in self.powers:
            if lg:
                parts.append(f"log {v}" if lg == 1 else f"log^{lg} {v}")
        if not parts:
            return "1"
        out = parts[0]
        for part in parts[1:]:
            out += (" " if part.startswith("log") else " * ") + part
        return out


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _dominates(a: Term, b: Term) -> bool:
    """Whether ``a`` grows at least as fast as ``b`` in every variable (so b can be dropped)."""
    return all(a.key(v) >= b.key(v) for v in a.variables() | b.variables())


@dataclass(frozen=True)
class Bound:
    """A complexity bound: the sum of its dominant terms (coefficients dropped)."""

    terms: tuple[Term, ...]

    @staticmethod
    def of(terms: list[Term]) -> Bound:
        """Keep only the terms no other term dominates; an empty sum is O(1)."""
        kept: list[Term] = []
        for t in terms:
            if any(_dominates(k, t) for k in kept):
                continue
            kept = [k for k in kept if not _dominates(t, k)]
            kept.append(t)
        if len(kept) > 1:
            kept = [t for t in kept if t.variables()] or kept[:1]
        return Bound(tuple(sorted(kept, key=lambda t: t.text())))

    def text(self) -> str:
        """``O(V + E)``."""
        return "O(" + " + ".join(t.text() for t in self.terms) + ")"

    def variables(self) -> set[str]:
        """Every variable of the bound."""
        return set().union(*(t.variables() for t in self.terms)) if self.terms else set()

    def one_variable(self) -> str:
        """The nearest estimator class when every variable is read as n."""
        return _class_of([_collapse(t) for t in self.terms])

    def in_variable(self, var: str) -> str:
        """The estimator class when only ``var`` grows (the other variables fixed)."""
        return _class_of([t.key(var) for t in self.terms])

    def same_as(self, other: Bound) -> bool:
        """Equal up to term order."""
        return set(self.terms) == set(other.terms)


def _collapse(t: Term) -> tuple[int, int, float, int]:
    return (bool(t.fact), bool(t.exp), sum(p for _, p, _ in t.powers), sum(lg for _, _, lg in t.powers))


def _class_of(keys: list[tuple[int, int, float, int]]) -> str:
    fact, exp, p, lg = max(keys, default=(0, 0, 0.0, 0))
    if fact or exp:
        return "O(2^n)"
    if p == 0:
        return "O(log n)" if lg else "O(1)"
    if p == 1:
        return "O(n log n)" if lg else "O(n)"
    if p < 1:
        return "O(n)"  # n^0.5 and the like: the smallest class that bounds them
    if p <= 2:
        return "O(n^2)"  # n^1.5, n^2 log n: nearest by the power
    return "O(n^3)"


# ------------------------------------------------------------------ tokens
_WORDS: dict[str, str] = {
    # each maps to an expression the parser reads again
    "constant": "1", "linear": "n", "quadratic": "n^2", "cubic": "n^3", "logarithmic": "log n",
    "linearithmic": "n log n", "loglinear": "n log n", "log-linear": "n log n",
    "exponential": "2^n", "factorial": "n!", "polylogarithmic": "log^2 n",
}
_STOP = {
    "o", "big", "theta", "omega", "of", "the", "in", "on", "is", "it", "its", "it's", "a", "an",
    "time", "space", "extra", "auxiliary", "additional", "memory", "complexity", "runtime", "run",
    "runs", "running", "worst", "case", "average", "expected", "best", "amortized", "amortised",
    "overall", "total", "about", "roughly", "approximately", "order", "where", "with", "for",
    "be", "would", "should", "i", "think", "think,", "so", "that's", "thats", "which", "gives",
    "my", "solution", "approach", "this", "uses", "use", "using", "takes", "take", "needs",
    "scales", "grows", "as", "both", "overall,", "also", "just", "only", "and", "then", "cost",
}
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|\*\*|[()+*/^!·×⋅,\-²³ⁿ√]")
_SUPER = {"²": "^2", "³": "^3", "ⁿ": "^n"}


class _Parser:
    """Recursive descent over ``sum := product (+ product)*``; juxtaposition multiplies."""

    def __init__(self, tokens: list[str]) -> None:
        self.toks = tokens
        self.i = 0

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> str:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> list[Term]:
        terms = self.sum()
        if self.peek() is not None:
            raise ValueError(f"unexpected {self.peek()!r}")
        return terms

    def sum(self) -> list[Term]:
        terms = self.product()
        while self.peek() in ("+", "-"):
            self.take()
            terms = terms + self.product()
        return terms

    def product(self) -> list[Term]:
        acc = self.factor()
        while True:
            tok = self.peek()
            if tok in ("*", "·", "×", "⋅"):
                self.take()
                acc = _mul(acc, self.factor())
            elif tok == "/":
                self.take()
                divisor = self.factor()
                if not all(not t.variables() for t in divisor):
                    acc = _mul(acc, [t.power(-1) for t in divisor])
            elif tok is not None and tok not in ("+", "-", ")", "^", "**", "!"):
                acc = _mul(acc, self.factor())
            else:
                return acc

    def factor(self) -> list[Term]:
        base = self.atom()
        while self.peek() in ("^", "**", "!", "squared", "cubed"):
            op = self.take()
            if op == "!":
                base = [Term(fact=tuple(sorted(t.variables()))) for t in base]
            elif op in ("squared", "cubed"):
                base = [t.power(2 if op == "squared" else 3) for t in base]
            else:
                base = self.raise_to(base)
        return base

    def raise_to(self, base: list[Term]) -> list[Term]:
        exp_tok = self.peek()
        if exp_tok == "(":
            self.take()
            inner = self.sum()
            self.expect(")")
            exps = inner
        else:
            exps = self.atom()
        if len(exps) == 1 and not exps[0].variables():
            k = float(self._last_number)
            out: list[Term] = []
            for t in base:
                out.append(t.power(k))
            return out
        # c^n with a constant base c > 1 is exponential in n
        return [Term(exp=tuple(sorted(set().union(*(e.variables() for e in exps)))))]

    _last_number = "1"

    def expect(self, tok: str) -> None:
        if self.peek() != tok:
            raise ValueError(f"expected {tok!r}")
        self.take()

    def atom(self) -> list[Term]:
        tok = self.peek()
        if tok is None:
            raise ValueError("unexpected end")
        self.take()
        if tok == "(":
            inner = self.sum()
            self.expect(")")
            return inner
        if re.fullmatch(r"\d+(?:\.\d+)?", tok):
            self._last_number = tok
            nxt = self.peek()
            if nxt in ("^", "**") and self.i + 1 < len(self.toks) and _is_var(self.toks[self.i + 1]):
                self.take()
                var = self.take()
                return [Term(exp=(_var(var),))] if float(tok) > 1 else [Term()]
            return [Term()]
        low = tok.lower()
        if low in ("log", "lg", "ln", "log2", "log10"):
            times = 1
            if self.peek() in ("^", "**"):  # log^2 n
                self.take()
                times = max(1, int(float(self.take())))
            arg = self.factor() if self.peek() is not None and self.peek() not in ("+", ")") else [Term()]
            return [Term(tuple((v, 0.0, times) for v in sorted(set().union(*(t.variables() for t in arg)))))]
        if low in ("sqrt", "√", "root"):
            return [t.power(0.5) for t in self.factor()]
        if low == "len":
            inner = self.atom()
            return inner
        if _is_var(tok):
            m = re.fullmatch(r"([a-zA-Z])([23])", tok)
            if m:  # "n2" as typed for n²
                return [Term(((_var(m.group(1)), float(m.group(2)), 0),))]
            if re.fullmatch(r"[nmkVEvelhwrc]{2,3}", tok):  # "mn", "nk": a product of letters
                out = [Term()]
                for ch in tok:
                    out = _mul(out, [Term(((_var(ch), 1.0, 0),))])
                return out
            return [Term(((_var(tok), 1.0, 0),))]
        raise ValueError(f"unexpected {tok!r}")


def _is_var(tok: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", tok)) and tok.lower() not in (
        "log", "lg", "ln", "log2", "log10", "sqrt", "root", "len", "squared", "cubed")


def _var(tok: str) -> str:
    """Single letters are lower case (``N`` is ``n``) except the graph letters V and E."""
    if len(tok) == 1 and tok not in ("V", "E"):
        return tok.lower()
    if tok.lower() in ("v", "e") and len(tok) == 1:
        return tok.upper()
    return tok.lower()


def _mul(a: list[Term], b: list[Term]) -> list[Term]:
    return [x.times(y) for x in a for y in b]


def _prepare(text: str) -> list[str]:
    """Words to symbols, superscripts to powers, fillers dropped; the parser's tokens."""
    s = text.strip()
    for sup, rep in _SUPER.items():
        s = s.replace(sup, rep)
    s = s.replace("Θ", " ").replace("θ", " ").replace("Ω", " ").replace("𝑂", "O")
    s = re.sub(r"\bbig[- ]?(o|theta|omega)\b", " ", s, flags=re.I)
    s = re.sub(r"\b(O|o)\s*\(", "(", s)
    s = re.sub(r"\blog[- ]linear\b", "n log n", s, flags=re.I)
    s = re.sub(r"\bsquare root of\b", "sqrt", s, flags=re.I)
    s = re.sub(r"\b(to the power( of)?|raised to( the)?)\b", "^", s, flags=re.I)
    s = re.sub(r"\btimes\b", "*", s, flags=re.I)
    s = re.sub(r"\bplus\b", "+", s, flags=re.I)
    s = re.sub(r"\blog\s*_?\s*(2|10)\b", "log", s, flags=re.I)
    s = re.sub(r"\b(n|m|k)log(n|m|k)?\b", lambda m: f"{m.group(1)} log {m.group(2) or m.group(1)}", s,
               flags=re.I)
    s = re.sub(r"\blog([a-zA-Z])\b", r"log \1", s)
    for word, rep in _WORDS.items():
        s = re.sub(rf"\b{re.escape(word)}\b", f" {rep} ", s, flags=re.I)
    toks = [t for t in _TOKEN.findall(s) if t.lower() not in _STOP and t != ","]
    # "n squared" / "n cubed" are postfix powers: keep them as tokens
    return toks


_OPEN = re.compile(r"(?:\bbig[- ]?(?:o|theta|omega)\s*(?:of\s*)?)?(?:\b[Oo]|Θ|θ|Ω|\btheta|\bomega)\s*\(",
                   re.I)


def _o_groups(text: str) -> list[tuple[int, int]]:
    """(start, end) of every ``O(...)`` (also Θ, Ω, big-O) with balanced brackets."""
    spans = []
    for m in _OPEN.finditer(text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += text[i] == "("
            depth -= text[i] == ")"
            i += 1
        if depth == 0:
            spans.append((m.start(), i))
    out: list[tuple[int, int]] = []
    for span in spans:
        if not out or span[0] >= out[-1][1]:
            out.append(span)
    return out


def parse_bound(text: str, names: tuple[str, ...] = ()) -> Bound | None:
    """The bound ``text`` states, or None when it is not a complexity expression.

    Inside ``O(...)`` any identifier is a size variable (``amount``, ``len(s)``); in bare
    words only single letters, ``names`` (the problem's parameters) and the complexity
    words count, and other words are skipped ("n log n because of the sort").
    """
    if not text or not text.strip():
        return None
    groups = _o_groups(text)
    if groups:
        start, end = groups[0]
        inner = text[start:end]
        inner = inner[inner.index("(") + 1:-1]
        toks = _prepare(inner)
    else:
        allowed = {n.lower() for n in names}
        cleaned = re.sub(r"[A-Za-z]+'[A-Za-z]+", " ", text)
        toks = [t for t in _prepare(cleaned)
                if not (_is_var(t) and len(t) > 1 and t.lower() not in allowed
                        and not re.fullmatch(r"[nmkVE]{2}|[a-zA-Z][23]", t))]
        if not any(_is_var(t) or re.fullmatch(r"\d+", t) for t in toks):
            return None
    if not toks:
        return None
    try:
        terms = _Parser(toks).parse()
    except (ValueError, IndexError, OverflowError):
        return None
    if any(math.isinf(p) or math.isnan(p) for t in terms for _, p, _ in t.powers):
        return None
    return Bound.of(terms)


def one_variable_class(text: str) -> str | None:
    """The nearest estimator class of ``text`` (``"O(2n)"`` -> ``"O(n)"``), or None."""
    bound = parse_bound(text)
    return None if bound is None else bound.one_variable()


# ------------------------------------------------------------------ claims
@dataclass
class Claim:
    """What a candidate said: the time bound (worst case unless only one is said), the space
    bound, and the other cases they named ("average", "amortised", "best")."""

    text: str
    time: Bound | None = None
    space: Bound | None = None
    cases: dict[str, Bound] = field(default_factory=dict)

    def time_class(self) -> str | None:
        """The nearest one-variable class of the time bound."""
        return None if self.time is None else self.time.one_variable()


_CASE_WORDS = (("worst", "worst"), ("average", "average"), ("expected", "average"),
               ("amortized", "amortised"), ("amortised", "amortised"), ("best", "best"))
_SPACE_WORDS = ("space", "memory", "extra", "auxiliary", "in place", "in-place")


def _segments(text: str) -> list[str]:
    """Split a sentence at commas, semicolons, "and", "but" and "while", outside brackets."""
    out, depth, cur = [], 0, ""
    i = 0
    while i < len(text):
        ch = text[i]
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth == 0 and ch in ",;":
            out.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    out.append(cur)
    split: list[str] = []
    for seg in out:  # "O(n) time O(1) space": one part per O(...)
        cuts = [a for a, _ in _o_groups(seg)][1:]
        prev = 0
        for cut in cuts:
            split.append(seg[prev:cut])
            prev = cut
        split.append(seg[prev:])
    out = split
    parts: list[str] = []
    for seg in out:
        parts.extend(re.split(r"\b(?:and|but|while|whereas|with)\b(?![^(]*\))", seg, flags=re.I))
    return [p.strip() for p in parts if p.strip()]


def parse_claim(text: str, role: str = "time", names: tuple[str, ...] = ()) -> Claim:
    """Read a claim sentence; parts that name no role take ``role`` ("time" or "space")."""
    claim = Claim(text=text)
    for seg in _segments(text):
        low = seg.lower()
        if re.search(r"\bin[- ]place\b", low) and parse_bound(re.sub(r"(?i)\bin[- ]place\b", "", seg)) is None:
            claim.space = claim.space or Bound.of([Term()])
            continue
        bound = parse_bound(seg, names)
        if bound is None:
            continue
        is_space = any(w in low for w in _SPACE_WORDS)
        is_time = "time" in low or "runtime" in low
        seg_role = "space" if is_space and not is_time else "time" if is_time else role
        case = next((name for word, name in _CASE_WORDS if word in low), None)
        if seg_role == "space":
            claim.space = claim.space or bound
            continue
        if case in ("average", "amortised", "best"):
            claim.cases[case] = bound
            continue
        if case == "worst":
            claim.cases["worst"] = bound
            claim.time = bound
        elif claim.time is None:
            claim.time = bound
    if claim.time is None and claim.cases:
        claim.time = next(iter(claim.cases.values()))
    return claim


