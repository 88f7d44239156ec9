"""Find the arithmetic nobody declared (rules.md §4), on rows and on columns alike.

Order: explicit formulas in labels; then sums to a fixed point (hierarchy children, contiguous
runs above or below a line that hold in EVERY check line, single children equal to their parent),
accepted best-first and hiding their children; then differences (増減, 差引, 比較) and balances
(期末 = 期首 + 増減). Discovery tolerates a few bad cells: a run that fails in one check line of
many (or a hierarchy-backed sum that holds in most) is kept so that check/locate can report it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from chohyo.model import Relation, Term
from chohyo.validate.evaluate import Evaluation, evaluate, evaluate_batch
from chohyo.validate.formulas import parse_label
from chohyo.validate.labels import bare, is_closing, is_difference, is_opening, is_total
from chohyo.validate.numbered_blocks import numbered_blocks
from chohyo.validate.receipts import receipt_identities
from chohyo.validate.title_identities import title_identities
from chohyo.validate.view import View


@dataclass
class Candidate:
    target: int  # line positions in the view
    terms: tuple[tuple[int, int], ...]
    kind: str
    source: str
    score: float
    strict: bool = True
    names: tuple[str, ...] = ()  # what to call the target and terms in the description (label identities)


def _score(view: View, t: int, members: list[int], direction: str, ev: Evaluation, hier: bool) -> float:
    s = 10.0 if ev.holds else 2.0 - ev.n_fail
    if hier:
        s += 8
    total = is_total(view.labels[t])
    if direction == "above":  # total printed after its items
        s += 3 if total else -1
    elif direction == "below":  # a bare category name heads its items
        s += -3 if total else 2
    lt = view.levels[t]
    lm = [view.levels[m] for m in members]
    if lt is not None:
        if any(level == lt for level in lm):
            s -= 3  # siblings (1. and 2.) are not parent and child
        elif all(level is None or level > lt for level in lm):
            s += 1
    if bool(ev.exact[ev.checked].all()):
        s += 1
    biggest = int(np.abs(view.v[t][view.present[t]]).max(initial=0))
    s += min(2.0, math.log10(biggest + 1) / 5)
    return s - 0.01 * len(members)


def _direction(t: int, members: list[int]) -> str:
    if all(m < t for m in members):
        return "above"
    if all(m > t for m in members):
        return "below"
    return "mixed"


# Relations kept on a scan though misreads break them in more lines than a misprint would
# (numbered_blocks.py; an identity its titles state holding in twice as many rows as it fails):
# what holds through them confirms, what fails is left unconfirmed (validate/table.py), never
# reported as the table's error (a misread is not a misprint).
SCAN_NUMBERING = "scan-numbering"
SCAN_TITLES = "scan-titles"
SCAN_SOURCES = frozenset({SCAN_NUMBERING, SCAN_TITLES})

_BLOCK_CELLS = 1 << 20  # checks evaluated per numpy block in _run_candidates


def _best_runs(
    best: dict[tuple[int, str], tuple[int, int]],
    lengths: list[int],
    n: int,
    sums: tuple[np.ndarray, ...],
    lines: tuple[np.ndarray, ...],
) -> None:
    """Update ``best`` with every run of the given lengths above and below each line."""
    cv, ch, cn, cu = sums
    v0, h0, p, u0, nz = lines
    parts: list[list[np.ndarray]] = [[], [], [], [], []]  # length, start, target, far item, below
    for length in lengths:
        k = np.arange(0, n - length)  # above: items k..k+L-1, total at k+L
        for part, x in zip(
            parts, (np.full(k.size, length), k, k + length, k, np.zeros(k.size, dtype=bool)), strict=True
        ):
            part.append(x)
        k = np.arange(1, n - length + 1)  # below: total at k-1, items k..k+L-1
        for part, x in zip(
            parts,
            (np.full(k.size, length), k, k - 1, k + length - 1, np.ones(k.size, dtype=bool)),
            strict=True,
        ):
            part.append(x)
    ln, ks, tgt, far, is_below = (np.concatenate(x) for x in parts)
    rv, rh = cv[ks + ln] - cv[ks], ch[ks + ln] - ch[ks]
    rn, ru = cn[ks + ln] - cn[ks], cu[ks + ln] - cu[ks]
    tv, tp = v0[tgt], p[tgt]
    ok = (np.abs(tv - rv) <= h0[tgt] + rh) & ~u0[tgt] & (ru == 0)
    nontrivial = tp & ((tv != 0) | (rn > 0))
    fail = (tp & ~ok).sum(axis=1)
    support = (nontrivial & ok).sum(axis=1)
    far_nonzero = (nz[far] & tp).any(axis=1)
    strict = (fail == 0) & (support >= 1) & far_nonzero
    loose = (fail >= 1) & (fail <= np.maximum(1, nontrivial.sum(axis=1) // 10)) & (support >= 3) & far_nonzero
    weak = (fail >= 1) & (support >= 1) & (fail <= support) & far_nonzero
    for idx in np.nonzero(strict | loose | weak)[0]:
        key = (int(tgt[idx]), "below" if is_below[idx] else "above")
        level = 2 if strict[idx] else 1 if loose[idx] else 0
        prev = best.get(key)
        if prev is None or level > prev[1]:
            best[key] = (int(ln[idx]), level)


def _run_candidates(
    view: View,
    visible: list[int],
    max_run: int,
    hier: dict[int, frozenset[int]],
    transparent: set[int],
    templates: set[tuple[str, ...]],
) -> list[Candidate]:
    """First run of items above/below each line that adds up; ``transparent`` lines (hidden items
    not yet explained) may be targets but add nothing to runs. A run that fails in as many check
    lines as it holds is kept only when its labels repeat an accepted relation (``templates``:
    諸給 = 給料手当 + … under 管理費 as under 事業費)."""
    n = len(visible)
    if n < 3:
        return []
    s = np.array(visible)
    v, h, p, u = view.v[s], view.h[s], view.present[s], view.unknown[s]
    v0, h0, u0 = v, h, u  # targets keep their own values
    if transparent:
        mask = np.array([i in transparent for i in visible])
        v, h, u = v.copy(), h.copy(), u.copy()
        v[mask] = 0
        h[mask] = 0
        u[mask] = False
    nz = v != 0
    zero = np.zeros((1, v.shape[1]), dtype=v.dtype)
    izero = np.zeros((1, v.shape[1]), dtype=np.int64)
    cv = np.concatenate([zero, np.cumsum(v, axis=0)])
    ch = np.concatenate([zero, np.cumsum(h, axis=0)])
    cn = np.concatenate([izero, np.cumsum(nz, axis=0, dtype=np.int64)])
    cu = np.concatenate([izero, np.cumsum(u, axis=0, dtype=np.int64)])
    best: dict[
        tuple[int, str], tuple[int, int]
    ] = {}  # (target, direction) → (length, 2 strict/1 loose/0 weak)
    # Every (length, direction, start) of a block of lengths at once, in the order a loop over
    # lengths, then directions, then starts would visit them (``best`` keeps the first length
    # reaching the best level). Blocks bound the memory on long tables.
    all_lengths = list(range(2, min(max_run, n - 1) + 1))
    per_block = max(1, _BLOCK_CELLS // max(1, 2 * n * v.shape[1]))
    for b in range(0, len(all_lengths), per_block):
        _best_runs(best, all_lengths[b : b + per_block], n, (cv, ch, cn, cu), (v0, h0, p, u0, nz))
    out = []
    for (ti, direction), (length, level) in best.items():
        if direction == "above":
            members = [visible[k] for k in range(ti - length, ti)]
        else:
            members = [visible[k] for k in range(ti + 1, ti + 1 + length)]
        members = [m for m in members if m not in transparent]
        t = visible[ti]
        if len(members) < 2:
            continue
        ev = evaluate(view, t, [(m, 1) for m in members])
        backed = hier.get(t) == frozenset(members)
        if level == 0 and not backed and _template(view, t, members) not in templates:
            continue
        if view.axis == "row" and not backed and not is_total(view.labels[t]) and _equal_items(view, members):
            continue  # 20 = 10 + 10 under a name that is no total: round amounts, a coincidence
        if level < 2 and not backed and not _tested(view, ev, members):
            continue
        sc = _score(view, t, members, direction, ev, backed) + (6 if level == 0 else 0)
        out.append(
            Candidate(
                t, tuple((m, 1) for m in members), "sum", "hierarchy" if backed else "search", sc, ev.holds
            )
        )
    return out


def _equal_items(view: View, members: Sequence[int]) -> bool:
    """Every item prints the same amounts as the others wherever they print one (shareholders
    holding 10 shares each): a line that is their sum is as likely a coincidence as a total."""
    first = members[0]
    return all(
        bool((view.present[m] == view.present[first]).all())
        and bool((view.v[m][view.present[m]] == view.v[first][view.present[first]]).all())
        for m in members[1:]
    )


def _tested(view: View, ev: Evaluation, members: Sequence[int]) -> bool:
    """Every item is nonzero in some line where the relation holds: a run that fails where an item
    first shows (期首残高, printed in 計 only) says nothing about that item."""
    held = ev.checked & ev.ok
    return all(bool((view.v[m][held] != 0).any()) for m in members)


def _template(view: View, t: int, members: list[int] | tuple[int, ...]) -> tuple[str, ...]:
    return (bare(view.labels[t]), *(bare(view.labels[m]) for m in members))


_BARE_NUMBER = re.compile(r"^\s*[0-9０-９]{1,3}\s*[.．]?\s*$")


def _hierarchy_candidates(
    view: View,
    visible: set[int],
    hier: dict[int, frozenset[int]],
    explained: set[int],
    templates: frozenset[tuple[str, ...]] | set[tuple[str, ...]] = frozenset(),
) -> list[Candidate]:
    """Sums the row tree declares. One that fails in most columns is kept when it holds in as many,
    or when its labels repeat a relation that holds elsewhere (諸給 = 給料手当 + … under 管理費 as
    under 事業費: two typos in one 管理費 row break its only two nonzero columns)."""
    out = []
    for t, kids in hier.items():
        if t in explained or not kids <= visible:
            continue
        members = sorted(kids)
        if len(members) == 1 and bare(view.labels[t]) == bare(view.labels[members[0]]):
            continue  # "X = X": a line repeated (or a mark column such as ○ read as labels), no identity
        if _BARE_NUMBER.match(view.labels[t]) and any(_BARE_NUMBER.match(view.labels[m]) for m in members):
            continue  # 款 numbers split from their names (2, 3, 6): one numbering, siblings, never a tree
        if len(members) == 1 and not _heads(view, t, members[0]):
            continue  # two rows that print the same amounts: "X = X" proves nothing (see _heads)
        ev = evaluate(view, t, [(m, 1) for m in members])
        repeated = len(members) > 1 and _template(view, t, members) in templates
        if (
            not (ev.holds and ev.support >= 1)
            and not (ev.support >= 1 and ev.support >= ev.n_fail)
            and not repeated
        ):
            continue
        sc = _score(view, t, members, _direction(t, members), ev, True)
        out.append(Candidate(t, tuple((m, 1) for m in members), "sum", "hierarchy", sc, ev.holds))
    return out


def _numbered_candidates(
    view: View, blocks: list[tuple[int, list[int]]], visible: set[int], explained: set[int]
) -> list[Candidate]:
    """Sums a scan's numbering declares (``blocks``: numbered_blocks.py), kept when they hold in as
    many check lines as they fail: each failure then names its misread figure."""
    out = []
    for t, items in blocks:
        if t in explained or t not in visible or not set(items) <= visible:
            continue
        ev = evaluate(view, t, [(m, 1) for m in items])
        if ev.support >= 2 and ev.n_fail <= ev.support:
            sc = _score(view, t, items, "below", ev, True)
            out.append(Candidate(t, tuple((m, 1) for m in items), "sum", SCAN_NUMBERING, sc, ev.holds))
    return out


def _heads(view: View, t: int, m: int) -> bool:
    """Whether line ``t`` reads as the heading of its only child ``m``: a total (計), a numbering
    above the child's (1. 受取会費 over 受取会費), a code (11 役務費), or the same words (目 and its 計). A tree made from
    indentation alone (OCR'd boxes drift: 南国市商工会 over 南国市土曜市協同組合, ten shares each) is
    no evidence: their equal amounts are a coincidence, and a relation that "holds" through them
    would confirm both readings when it proves nothing."""
    lt, lm = view.labels[t], view.labels[m]
    bt, bm = bare(lt), bare(lm)
    level_t, level_m = view.levels[t], view.levels[m]
    numbered = level_t is not None and (level_m is None or level_m > level_t)
    coded = bool(_CODED.match(lt))  # a budget's 款 項 目 節 code (11 役務費 over 手数料, 第1款)
    return is_total(lt) or numbered or coded or (bt != "" and (bt in bm or bm in bt))


_CODED = re.compile(r"^\s*(?:第\s*)?[0-9０-９]+\s*[款項目節]?\s*\S")


def _common(view: View, a: int, b: int) -> bool:
    """Lines ``a`` and ``b`` print amounts that some third line prints too, in every check where
    they hold something: their being equal says nothing (a shareholder list: 10 shares, 10, 10, 10)."""
    both = view.present[a] & view.present[b] & (view.v[a] != 0)
    if not both.any():
        return True
    others = [i for i in range(len(view.lines)) if i not in (a, b)]
    if not others:
        return False
    same = (view.v[others] == view.v[a]) & view.present[others]
    return bool(same.any(axis=0)[both].all())


def _equal_candidates(view: View, visible: list[int]) -> list[Candidate]:
    """A parent with a single child equal to it (1. 受取会費 / 受取会費, 調査研究費 / 委員会運営費)."""
    out = []
    for a, b in pairwise(visible):
        la, lb = view.labels[a], view.labels[b]
        ba, bb = bare(la), bare(lb)
        same = ba != "" and (ba == bb or ba in bb or bb in ba)
        numbered_parent = view.levels[a] is not None and view.levels[b] is None and not is_total(la)
        special = any(f(x) for f in (is_difference, is_closing, is_opening) for x in (la, lb))
        siblings = view.levels[a] is not None and view.levels[a] == view.levels[b]
        # two total columns side by side (株主資本合計 | 純資産合計: nothing else is printed in the
        # net assets): one equals the other, a misread in one row shows as its failure
        totals = view.axis == "col" and is_total(la) and is_total(lb)
        if (special or siblings or view.axis == "col") and not same and not totals:
            continue
        if la == lb or view.segments[a] != view.segments[b]:  # "X = X": a line repeated, no identity
            continue
        if not bool((view.present[b] == view.present[a]).all()):
            continue
        ev = evaluate(view, a, [(b, 1)])
        repeated = _repeated_total(view, a, b, ev) and not same
        if (
            not (ev.holds and ev.support >= 1)
            and not (
                totals
                and not same
                and ev.n_fail <= 1
                and int((ev.exact & ev.nontrivial).sum()) >= max(3, 3 * ev.n_fail)
            )
            and not repeated
        ):
            continue
        guess = not (same or numbered_parent or is_total(la) or is_total(lb))
        if guess and not bool(ev.exact[ev.checked].all()):  # 1 = 2 "within rounding" is no identity
            continue
        if guess and _common(view, a, b):
            continue  # 10 = 10 in a list where 10 is printed again and again: a coincidence
        bonus = -1.0 if same or numbered_parent else -3.0  # a guess from the values alone
        t, m, direction = (b, a, "above") if is_total(lb) and not same else (a, b, "below")
        out.append(
            Candidate(t, ((m, 1),), "sum", "search", _score(view, t, [m], direction, ev, False) + bonus)
        )
        if repeated:  # either way round: the total may already be the target of its items' sum
            out.append(Candidate(m, ((t, 1),), "sum", "search", out[-1].score - 0.5))
    return out


def _repeated_total(view: View, a: int, b: int, ev: Evaluation) -> bool:
    """A total row of a scanned table repeating a line far above it (概算要求額総表: 会計計 at the
    foot = 01 東日本大震災復興 at the head, 12 rows apart, their items between), equal in every
    column but one and exactly so in three at least: the one is a misread, which the equality
    lets the repair cross with the column's own relation. A born-digital table's figures are
    no misreads: there, nothing is guessed."""
    return (
        view.axis == "row"
        and view.lines[b] - view.lines[a] > 1
        and (is_total(view.labels[a]) or is_total(view.labels[b]))
        and ev.n_fail == 1
        and int((ev.exact & ev.nontrivial).sum()) >= 3
        and view.scanned
    )


def _one_statement(view: View, c: Candidate) -> bool:
    """Target and terms in one statement (view.segments), and some line not the target itself."""
    seg = view.segments[c.target]
    return all(view.segments[m] == seg and m != c.target for m, _ in c.terms)


def _evidence(view: View, c: Candidate) -> bool:
    """A sum found from the values alone that holds must hold exactly in some line where it says
    something: small numbers agreeing only within rounding (1 = 2 in 千円) are no identity."""
    if c.source != "search" or c.kind != "sum":
        return True
    if len(c.terms) > 1 and _repeats_a_member(view, c):
        return False
    ev = evaluate(view, c.target, list(c.terms))
    # a relation that fails somewhere was kept by discovery's own rules (a typo to report)
    return not ev.holds or bool((ev.exact & ev.nontrivial).any())


def _repeats_a_member(view: View, c: Candidate) -> bool:
    """The target is one of its members printed again (目 and its 計) wherever both are printed: the
    other members add nothing but rounding-sized figures (1 = 1 + 0 in 千円), and where they do not
    the "sum" only joins a line to its repetition across two statements. No identity."""
    t = c.target
    for m, _ in c.terms:
        both = view.present[t] & view.present[m]
        if both.any() and bool((view.v[t][both] == view.v[m][both]).all()):
            return True
    return False


def _cycle(target: int, members: set[int], children: dict[int, set[int]]) -> bool:
    """True if ``target`` is a member or a descendant of one (a relation may not contain itself)."""
    stack, seen = list(members), set()
    while stack:
        m = stack.pop()
        if m == target:
            return True
        if m not in seen:
            seen.add(m)
            stack += children.get(m, ())
    return False


def _sums(view: View, max_run: int, taken: set[int]) -> list[Candidate]:
    hier = {t: frozenset(k) for t, k in view.hierarchy_children().items()}
    has_values = view.has_values
    hidden: set[int] = set()
    explained = set(taken)
    accepted: list[Candidate] = []
    children: dict[int, set[int]] = {}
    soft: set[int] = set()  # targets of relations a scan's misreads break (SCAN_SOURCES)
    blocks = numbered_blocks(view)  # the numbering: the same in every round
    while True:
        visible = [i for i in range(len(view.lines)) if has_values[i] and i not in hidden]
        vis = set(visible)
        # Hidden totals not yet explained (本部支部合計 hidden by 合計 = 本部支部合計 + 内部取引消去)
        # may still be targets of a run; leaves stay out so runs keep their length.
        transparent = {i for i in hidden if i not in explained and (is_total(view.labels[i]) or i in hier)}
        templates = {_template(view, c.target, [m for m, _ in c.terms]) for c in accepted if c.strict}
        cands = _run_candidates(view, sorted(vis | transparent), max_run, hier, transparent, templates)
        cands += _hierarchy_candidates(view, vis, hier, explained, templates)
        cands += _numbered_candidates(view, blocks, vis, explained)
        cands += _equal_candidates(view, visible)
        cands = [c for c in cands if _one_statement(view, c)]
        cands.sort(key=lambda c: -c.score)
        claimed: set[int] = set()
        progress = False
        for c in cands:
            members = {m for m, _ in c.terms}
            if c.target in explained or members & (hidden | claimed) or _cycle(c.target, members, children):
                continue
            if members & soft:  # a sum of heads a scan's numbering found (一般会計合計 = 1 + 2 + 3)
                c.source = SCAN_NUMBERING  # rests on them: misreads break it as they break them
            if c.source in SCAN_SOURCES:
                soft.add(c.target)
            accepted.append(c)
            children[c.target] = members
            explained.add(c.target)
            claimed |= members
            progress = True
        hidden |= claimed
        if not progress:
            return accepted


def _signed(
    view: View, t: int, options: Sequence[tuple[tuple[int, int], ...]], kind: str
) -> Candidate | None:
    best: Candidate | None = None
    options = [terms for terms in options if not any(m == t for m, _ in terms)]
    stats = evaluate_batch(view, t, options)  # hundreds of pairs per 増減 line: one numpy pass
    for k, terms in enumerate(options):
        if not stats.any_checked[k]:
            continue
        n_fail, support = int(stats.n_fail[k]), int(stats.support[k])
        strict = n_fail == 0 and support >= 1
        loose = 1 <= n_fail <= max(1, int(stats.nontrivial[k]) // 10) and support >= 3
        if not (strict or loose):
            continue
        if loose and not _tested(view, evaluate(view, t, terms), [m for m, _ in terms]):
            continue
        sc = (10.0 if strict else 2.0 - n_fail) - 0.01 * sum(abs(m - t) for m, _ in terms) / max(
            len(view.lines), 1
        )
        if best is None or sc > best.score:
            best = Candidate(t, terms, kind, "search", sc, strict)
    return best


def _differences(view: View, explained: set[int], sum_targets: set[int]) -> list[Candidate]:
    has_values = view.has_values
    out = []
    lines = range(len(view.lines))
    for t in lines:
        if t in explained or not has_values[t]:
            continue
        label = view.labels[t]
        if is_closing(label):
            cand = _balance(view, t)
        elif is_difference(label):
            if view.axis == "row":
                pool = [
                    i
                    for i in lines
                    if i < t and has_values[i] and (i in sum_targets or is_total(view.labels[i]))
                ][-30:]
            else:
                pool = [i for i in lines if i != t and has_values[i]]
            options = [((a, 1), (b, -1)) for a in pool for b in pool if a != b]
            cand = _signed(view, t, options, "difference")
            if cand is None:  # 当期一般正味財産増減額 = 当期経常増減額 (nothing else in between)
                above = [i for i in lines if i < t and has_values[i] and is_difference(view.labels[i])][-1:]
                cand = _signed(view, t, [((a, 1),) for a in above], "sum")
        else:
            continue
        if cand is not None:
            out.append(cand)
            explained.add(t)
    return out


_INCREASE = ("増加", "受入", "繰入", "積立")
_DECREASE = ("減少", "払出", "取崩", "使用")


def _balance(view: View, t: int) -> Candidate | None:
    """期末 = 期首 + 増減 (rows), or 期末 = 前期末 + 増加 − 減少 (columns)."""
    labels, has_values = view.labels, view.has_values
    others = [i for i in range(len(labels)) if i != t and has_values[i]]
    openings = [i for i in others if is_opening(labels[i]) or (is_closing(labels[i]) and i < t)]
    twin = labels[t].replace("期末", "期首")
    openings.sort(key=lambda i: (labels[i] != twin, abs(i - t)))
    changes = [i for i in others if is_difference(labels[i]) and i < t]
    changes.sort(key=lambda i: t - i)
    incs = [i for i in others if any(w in labels[i] for w in _INCREASE)]
    decs = [i for i in others if any(w in labels[i] for w in _DECREASE)]
    options: list[tuple[tuple[int, int], ...]] = []
    for o in openings[:5]:
        options += [((o, 1), (c, 1)) for c in changes[:10]]
        options += [((o, 1), (a, 1), (d, -1)) for a in incs[:5] for d in decs[:5]]
    found = _signed(view, t, options, "balance")
    if found is None and openings and changes and twin != labels[t] and labels[openings[0]] == twin:
        # 正味財産期末残高 = 正味財産期首残高 + 増減額 by its labels, though its only line (計) fails:
        # a misprinted 期首 must not leave the table unchecked
        return Candidate(t, ((openings[0], 1), (changes[0], 1)), "balance", "search", 1.0, False)
    return found


def _formulas(view: View) -> list[Candidate]:
    parsed = [parse_label(lab) for lab in view.labels]
    tags = {f.tag: i for i, f in enumerate(parsed) if f.tag}
    out = []
    for t, f in enumerate(parsed):
        if f.terms and all(tag in tags for tag, _ in f.terms):
            out.append(
                Candidate(t, tuple((tags[tag], s) for tag, s in f.terms), "formula", "label-formula", 100.0)
            )
        elif f.ratio and all(tag in tags for tag in f.ratio):
            a, b = f.ratio
            out.append(Candidate(t, ((tags[a], 1), (tags[b], -1)), "ratio", "label-formula", 100.0))
    return out


# The budget book's own identities, by the columns' titles (rules.md §4): 比較 = 本年度 − 前年度;
# 本年度 = 国県支出金 + 地方債 + その他 + 一般財源 (財源内訳, those printed).
_THIS_YEAR = re.compile(r"本年度")
_LAST_YEAR = re.compile(r"前年度")
_COMPARE = re.compile(r"比較|増減")
_NOT_THIS = re.compile(r"財源|内訳|支出金|地方債|その他")
_SOURCES = (
    re.compile(r"国(庫)?[・]?県(支出金)?|国県支出金"),
    re.compile(r"地方債"),
    re.compile(r"その他"),
    re.compile(r"一般財源"),
)


def _title_index(view: View, pattern: re.Pattern[str], exclude: re.Pattern[str] | None = None) -> int | None:
    """The only line whose title matches (None when none or several do)."""
    hits = [
        i
        for i, t in enumerate(view.titles)
        if pattern.search(t.replace(" ", "").replace("\u3000", ""))
        and not (exclude and exclude.search(t.replace(" ", "")))
    ]
    return hits[0] if len(hits) == 1 else None


def _book_identities(view: View) -> list[Candidate]:
    """比較 = 本年度 − 前年度 and 本年度 = Σ 財源 where the columns say so; kept when they hold in
    most rows (a misprint still shows as a failure, a misread header finds nothing)."""
    if view.axis != "col":
        return []
    out = []
    this = _title_index(view, _THIS_YEAR, _NOT_THIS)
    last = _title_index(view, _LAST_YEAR)
    comp = _title_index(view, _COMPARE)
    has = view.has_values
    if (
        this is not None
        and last is not None
        and comp is not None
        and len({this, last, comp}) == 3
        and all(has[i] for i in (this, last, comp))
    ):
        out.append(
            Candidate(
                comp,
                ((this, 1), (last, -1)),
                "difference",
                "label-identity",
                100.0,
                names=("比較", "本年度", "前年度"),
            )
        )
    parts = [_title_index(view, p) for p in _SOURCES]
    found = [i for i in parts if i is not None and i != this and has[i]]
    if this is not None and parts[3] is not None and len(found) >= 2 and len(set(found)) == len(found):
        words = dict(zip(parts, ("国県支出金", "地方債", "その他", "一般財源"), strict=True))
        out.append(
            Candidate(
                this,
                tuple((i, 1) for i in found),
                "sum",
                "label-identity",
                100.0,
                names=("本年度", *(words[i] for i in found)),
            )
        )
    targets = {c.target for c in out}
    titled = [
        Candidate(t, terms, kind, "label-identity", 100.0, names=names)
        for kind, t, terms, names in title_identities(view)
        if t not in targets
    ]
    kept = []
    for c, by_titles in [(c, False) for c in out] + [(c, True) for c in titled]:
        ev = evaluate(view, c.target, list(c.terms))
        # on a scan, an identity every column of which its title names (年度末残高 + 発行額 − 償還元金 =
        # 年度末現在高) is kept where it holds in twice as many rows as it fails: misread figures fail
        # it in a few rows (6 of 19 on a dense 地方債 page), each failure then names its figure
        misprint = ev.n_fail <= max(1, ev.support // 10)
        misreads = by_titles and view.scanned and 2 * ev.n_fail < ev.support
        if (ev.holds and ev.support >= 1) or (ev.support >= 3 and (misprint or misreads)):
            c.strict = ev.holds
            if not ev.holds and not misprint:
                c.source = SCAN_TITLES
            kept.append(c)
    return kept


def _receipt(view: View) -> list[Candidate]:
    """A receipt's 小計, 合計, tax and change by their labels (receipts.py); kept failing or not (a
    failure names the misread amount)."""
    out = []
    for kind, t, terms, _ in receipt_identities(view):
        c = Candidate(t, terms, kind, "label-identity", 100.0)
        c.strict = evaluate(view, t, list(terms)).holds
        out.append(c)
    return out


def _gapped_sums(view: View, found: list[Candidate]) -> list[Candidate]:
    """Columns: a total and its breakdown printed further right, past one to three other columns
    (本年度 | 前年度 | 比較 | 国県支出金 | 地方債 | その他 | 一般財源). Held exactly in every row, and
    only where no relation already gives the target this breakdown."""
    if view.axis != "col":
        return []
    n = len(view.lines)
    has = view.has_values
    known = {(c.target, frozenset(m for m, _ in c.terms)) for c in found}
    sum_targets = {c.target for c in found if c.kind == "sum" and c.source == "label-identity"}
    out = []
    for t in range(n):
        if not has[t] or t in sum_targets:
            continue
        best: Candidate | None = None
        for gap in range(1, 4):
            for length in range(2, 7):
                members = list(range(t + gap + 1, t + gap + 1 + length))
                if members[-1] >= n or not all(has[m] for m in members):
                    break
                if (t, frozenset(members)) in known:
                    continue
                ev = evaluate(view, t, [(m, 1) for m in members])
                if not ev.holds or ev.support < 1 or not bool(ev.exact[ev.checked].all()):
                    continue
                if not _tested(view, ev, members):
                    continue
                if best is None or length > len(best.terms):
                    best = Candidate(t, tuple((m, 1) for m in members), "sum", "search", 9.0)
            if best is not None:
                break
        if best is not None:
            out.append(best)
    return out


def discover_view(view: View, max_run: int = 40, declared: set[int] | None = None) -> list[Candidate]:
    """Every relation found along one axis (line positions of ``view``)."""
    formulas = _formulas(view)
    taken = {c.target for c in formulas} | (declared or set())
    identities = [c for c in _book_identities(view) + _receipt(view) if c.target not in taken]
    taken |= {c.target for c in identities}
    sums = _sums(view, max_run, taken)
    for c in sums:  # 期末 = 期首 + 増減 found as a run is a balance
        if is_closing(view.labels[c.target]) and any(is_opening(view.labels[m]) for m, _ in c.terms):
            c.kind = "balance"
            c.terms = tuple(sorted(c.terms, key=lambda t: not is_opening(view.labels[t[0]])))
    stated = [frozenset([c.target, *(m for m, _ in c.terms)]) for c in formulas + identities]
    sums = [c for c in sums if frozenset([c.target, *(m for m, _ in c.terms)]) not in stated]  # A = B + (A-B)
    explained = taken | {c.target for c in sums}
    diffs = _differences(view, explained, {c.target for c in sums})
    diffs = [c for c in diffs if _one_statement(view, c)]
    found = [c for c in formulas + identities + sums + diffs if _evidence(view, c)]
    return found + _gapped_sums(view, found)


def to_relation(view: View, cand: Candidate, table_id: str, k: int) -> Relation:
    given = (
        dict(zip([cand.target, *(m for m, _ in cand.terms)], cand.names, strict=False)) if cand.names else {}
    )

    def name(i: int) -> str:
        return given.get(i) or view.labels[i] or f"{view.axis}{view.lines[i]}"

    if cand.kind == "ratio":
        (a, _), (b, _) = cand.terms
        desc = f"{name(cand.target)} = {name(a)} / {name(b)} × 100"
    else:
        parts = [("+ " if s > 0 else "- ") + name(m) for m, s in cand.terms]
        first = parts[0][2:] if parts[0].startswith("+") else "-" + parts[0][2:]
        desc = f"{name(cand.target)} = " + " ".join([first, *parts[1:]])
    return Relation(
        id=f"{table_id}-{view.axis[0]}{k}",
        axis=view.axis,
        target=view.lines[cand.target],
        terms=tuple(Term(view.lines[m], s) for m, s in cand.terms),
        kind=cand.kind,
        source=cand.source,
        score=round(cand.score, 3),
        description=desc,
    )
