"""lunr-languages' French stemmer (lunr.fr.js 1.22.0, a Snowball French stemmer), routine for routine.

The browser stems a French query with lunr.fr.js (vendored in generator/assets/search/); the index must hold the
very stems it looks up. Newer Snowball French stemmers (the ``snowballstemmer`` package, NLTK's) differ from it on
a few hundred words of a French dictionary ("bijoux", "albanaise"), so this port follows lunr.fr.js's generated
code, routine for routine (its standard-suffix step written as a table of the cases that only replace a
suffix); tests/search/test_search_french.py checks it against stems lunr.fr.js gave.
"""

from __future__ import annotations

from functools import lru_cache

# (suffix, index of the longest shorter entry that is its own suffix, result): Snowball's "among" tables.
Among = tuple[str, int, int]

A_0: tuple[Among, ...] = (("col", -1, -1), ("par", -1, -1), ("tap", -1, -1))
A_1: tuple[Among, ...] = (("", -1, 4), ("I", 0, 1), ("U", 0, 2), ("Y", 0, 3))
A_2: tuple[Among, ...] = (("iqU", -1, 3), ("abl", -1, 3), ("Ièr", -1, 4), ("ièr", -1, 4), ("eus", -1, 2),
                          ("iv", -1, 1))
A_3: tuple[Among, ...] = (("ic", -1, 2), ("abil", -1, 1), ("iv", -1, 3))
A_4: tuple[Among, ...] = (
    ("iqUe", -1, 1), ("atrice", -1, 2), ("ance", -1, 1), ("ence", -1, 5), ("logie", -1, 3), ("able", -1, 1),
    ("isme", -1, 1), ("euse", -1, 11), ("iste", -1, 1), ("ive", -1, 8), ("if", -1, 8), ("usion", -1, 4),
    ("ation", -1, 2), ("ution", -1, 4), ("ateur", -1, 2), ("iqUes", -1, 1), ("atrices", -1, 2), ("ances", -1, 1),
    ("ences", -1, 5), ("logies", -1, 3), ("ables", -1, 1), ("ismes", -1, 1), ("euses", -1, 11), ("istes", -1, 1),
    ("ives", -1, 8), ("ifs", -1, 8), ("usions", -1, 4), ("ations", -1, 2), ("utions", -1, 4), ("ateurs", -1, 2),
    ("ments", -1, 15), ("ements", 30, 6), ("issements", 31, 12), ("ités", -1, 7), ("ment", -1, 15),
    ("ement", 34, 6), ("issement", 35, 12), ("amment", 34, 13), ("emment", 34, 14), ("aux", -1, 10),
    ("eaux", 39, 9), ("eux", -1, 1), ("ité", -1, 7),
)
A_5: tuple[Among, ...] = (
    ("ira", -1, 1), ("ie", -1, 1), ("isse", -1, 1), ("issante", -1, 1), ("i", -1, 1), ("irai", 4, 1),
    ("ir", -1, 1), ("iras", -1, 1), ("ies", -1, 1), ("îmes", -1, 1), ("isses", -1, 1), ("issantes", -1, 1),
    ("îtes", -1, 1), ("is", -1, 1), ("irais", 13, 1), ("issais", 13, 1), ("irions", -1, 1), ("issions", -1, 1),
    ("irons", -1, 1), ("issons", -1, 1), ("issants", -1, 1), ("it", -1, 1), ("irait", 21, 1), ("issait", 21, 1),
    ("issant", -1, 1), ("iraIent", -1, 1), ("issaIent", -1, 1), ("irent", -1, 1), ("issent", -1, 1),
    ("iront", -1, 1), ("ît", -1, 1), ("iriez", -1, 1), ("issiez", -1, 1), ("irez", -1, 1), ("issez", -1, 1),
)
A_6: tuple[Among, ...] = (
    ("a", -1, 3), ("era", 0, 2), ("asse", -1, 3), ("ante", -1, 3), ("ée", -1, 2), ("ai", -1, 3), ("erai", 5, 2),
    ("er", -1, 2), ("as", -1, 3), ("eras", 8, 2), ("âmes", -1, 3), ("asses", -1, 3), ("antes", -1, 3),
    ("âtes", -1, 3), ("ées", -1, 2), ("ais", -1, 3), ("erais", 15, 2), ("ions", -1, 1), ("erions", 17, 2),
    ("assions", 17, 3), ("erons", -1, 2), ("ants", -1, 3), ("és", -1, 2), ("ait", -1, 3), ("erait", 23, 2),
    ("ant", -1, 3), ("aIent", -1, 3), ("eraIent", 26, 2), ("èrent", -1, 2), ("assent", -1, 3), ("eront", -1, 2),
    ("ât", -1, 3), ("ez", -1, 2), ("iez", 32, 2), ("eriez", 33, 2), ("assiez", 33, 3), ("erez", 32, 2),
    ("é", -1, 2),
)
A_7: tuple[Among, ...] = (("e", -1, 3), ("Ière", 0, 2), ("ière", 0, 2), ("ion", -1, 1), ("Ier", -1, 2),
                          ("ier", -1, 2), ("ë", -1, 4))
A_8: tuple[Among, ...] = (("ell", -1, -1), ("eill", -1, -1), ("enn", -1, -1), ("onn", -1, -1), ("ett", -1, -1))

# Standard suffixes replaced outright when they lie in their region: among_var -> (region, replacement).
_STANDARD_PLAIN: dict[int, tuple[str, str]] = {
    1: ("r2", ""), 3: ("r2", "log"), 4: ("r2", "u"), 5: ("r2", "ent"), 9: ("", "eau"), 10: ("r1", "al"),
}

G_V = (17, 65, 16, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 128, 130, 103, 8, 5)
G_KEEP_WITH_S = (1, 65, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 128)


class _Program:
    """Snowball's program state (lunr.stemmer.support.js's SnowballProgram) with the French routines."""

    def __init__(self, word: str) -> None:
        self.current = word
        self.cursor = 0
        self.limit = len(word)
        self.limit_backward = 0
        self.bra = 0
        self.ket = self.limit
        self.p_v = self.p_1 = self.p_2 = 0

    # -- lunr.stemmerSupport.SnowballProgram -------------------------------------------------------------
    def _in(self, s: tuple[int, ...], lo: int, hi: int, ch: int) -> bool:
        if ch > hi or ch < lo:
            return False
        ch -= lo
        return bool(s[ch >> 3] & (1 << (ch & 7)))

    def in_grouping(self, s: tuple[int, ...], lo: int, hi: int) -> bool:
        if self.cursor < self.limit and self._in(s, lo, hi, ord(self.current[self.cursor])):
            self.cursor += 1
            return True
        return False

    def in_grouping_b(self, s: tuple[int, ...], lo: int, hi: int) -> bool:
        if self.cursor > self.limit_backward and self._in(s, lo, hi, ord(self.current[self.cursor - 1])):
            self.cursor -= 1
            return True
        return False

    def out_grouping(self, s: tuple[int, ...], lo: int, hi: int) -> bool:
        if self.cursor < self.limit and not self._in(s, lo, hi, ord(self.current[self.cursor])):
            self.cursor += 1
            return True
        return False

    def out_grouping_b(self, s: tuple[int, ...], lo: int, hi: int) -> bool:
        if self.cursor > self.limit_backward and not self._in(s, lo, hi, ord(self.current[self.cursor - 1])):
            self.cursor -= 1
            return True
        return False

    def eq_s(self, s: str) -> bool:
        if self.limit - self.cursor < len(s) or self.current[self.cursor:self.cursor + len(s)] != s:
            return False
        self.cursor += len(s)
        return True

    def eq_s_b(self, s: str) -> bool:
        if self.cursor - self.limit_backward < len(s) or self.current[self.cursor - len(s):self.cursor] != s:
            return False
        self.cursor -= len(s)
        return True

    def find_among(self, v: tuple[Among, ...]) -> int:
        i, j, c, lim = 0, len(v), self.cursor, self.limit
        common_i = common_j = 0
        first_key_inspected = False
        while True:
            k = i + ((j - i) >> 1)
            diff = 0
            common = min(common_i, common_j)
            w = v[k][0]
            for i2 in range(common, len(w)):
                if c + common == lim:
                    diff = -1
                    break
                diff = ord(self.current[c + common]) - ord(w[i2])
                if diff:
                    break
                common += 1
            if diff < 0:
                j, common_j = k, common
            else:
                i, common_i = k, common
            if j - i <= 1:
                if i > 0 or j == i or first_key_inspected:
                    break
                first_key_inspected = True
        while True:
            s, substring_i, result = v[i]
            if common_i >= len(s):
                self.cursor = c + len(s)
                return result
            i = substring_i
            if i < 0:
                return 0

    def find_among_b(self, v: tuple[Among, ...]) -> int:
        i, j, c, lb = 0, len(v), self.cursor, self.limit_backward
        common_i = common_j = 0
        first_key_inspected = False
        while True:
            k = i + ((j - i) >> 1)
            diff = 0
            common = min(common_i, common_j)
            w = v[k][0]
            for i2 in range(len(w) - 1 - common, -1, -1):
                if c - common == lb:
                    diff = -1
                    break
                diff = ord(self.current[c - 1 - common]) - ord(w[i2])
                if diff:
                    break
                common += 1
            if diff < 0:
                j, common_j = k, common
            else:
                i, common_i = k, common
            if j - i <= 1:
                if i > 0 or j == i or first_key_inspected:
                    break
                first_key_inspected = True
        while True:
            s, substring_i, result = v[i]
            if common_i >= len(s):
                self.cursor = c - len(s)
                return result
            i = substring_i
            if i < 0:
                return 0

    def replace_s(self, c_bra: int, c_ket: int, s: str) -> int:
        adjustment = len(s) - (c_ket - c_bra)
        self.current = self.current[:c_bra] + s + self.current[c_ket:]
        self.limit += adjustment
        if self.cursor >= c_ket:
            self.cursor += adjustment
        elif self.cursor > c_bra:
            self.cursor = c_bra
        return adjustment

    def slice_from(self, s: str) -> None:
        if self.bra < 0 or self.bra > self.ket or self.ket > self.limit or self.limit > len(self.current):
            raise ValueError("faulty slice operation")
        self.replace_s(self.bra, self.ket, s)

    def slice_del(self) -> None:
        self.slice_from("")

    # -- lunr.fr.js's FrenchStemmer ---------------------------------------------------------------------
    def habr1(self, c1: str, c2: str, v_1: int) -> bool:
        if self.eq_s(c1):
            self.ket = self.cursor
            if self.in_grouping(G_V, 97, 251):
                self.slice_from(c2)
                self.cursor = v_1
                return True
        return False

    def habr2(self, c1: str, c2: str, v_1: int) -> bool:
        if self.eq_s(c1):
            self.ket = self.cursor
            self.slice_from(c2)
            self.cursor = v_1
            return True
        return False

    def r_prelude(self) -> None:
        while True:
            v_1 = self.cursor
            if self.in_grouping(G_V, 97, 251):
                self.bra = self.cursor
                v_2 = self.cursor
                if self.habr1("u", "U", v_1):
                    continue
                self.cursor = v_2
                if self.habr1("i", "I", v_1):
                    continue
                self.cursor = v_2
                if self.habr2("y", "Y", v_1):
                    continue
            self.cursor = v_1
            self.bra = v_1
            if not self.habr1("y", "Y", v_1):
                self.cursor = v_1
                if self.eq_s("q"):
                    self.bra = self.cursor
                    if self.habr2("u", "U", v_1):
                        continue
                self.cursor = v_1
                if v_1 >= self.limit:
                    return
                self.cursor += 1

    def habr3(self) -> bool:
        while not self.in_grouping(G_V, 97, 251):
            if self.cursor >= self.limit:
                return True
            self.cursor += 1
        while not self.out_grouping(G_V, 97, 251):
            if self.cursor >= self.limit:
                return True
            self.cursor += 1
        return False

    def r_mark_regions(self) -> None:
        v_1 = self.cursor
        self.p_v = self.p_1 = self.p_2 = self.limit
        if self.in_grouping(G_V, 97, 251) and self.in_grouping(G_V, 97, 251) and self.cursor < self.limit:
            self.cursor += 1
        else:
            self.cursor = v_1
            if not self.find_among(A_0):
                self.cursor = v_1
                while True:  # do { ... } while (!in_grouping)
                    if self.cursor >= self.limit:
                        self.cursor = self.p_v
                        break
                    self.cursor += 1
                    if self.in_grouping(G_V, 97, 251):
                        break
        self.p_v = self.cursor
        self.cursor = v_1
        if not self.habr3():
            self.p_1 = self.cursor
            if not self.habr3():
                self.p_2 = self.cursor

    def r_postlude(self) -> None:
        while True:
            v_1 = self.cursor
            self.bra = v_1
            among_var = self.find_among(A_1)
            if not among_var:
                break
            self.ket = self.cursor
            if among_var == 1:
                self.slice_from("i")
            elif among_var == 2:
                self.slice_from("u")
            elif among_var == 3:
                self.slice_from("y")
            elif among_var == 4:
                if self.cursor >= self.limit:
                    return
                self.cursor += 1

    def r_rv(self) -> bool:
        return self.p_v <= self.cursor

    def r_r1(self) -> bool:
        return self.p_1 <= self.cursor

    def r_r2(self) -> bool:
        return self.p_2 <= self.cursor

    def _in_region(self, region: str) -> bool:
        return {"rv": self.r_rv, "r1": self.r_r1, "r2": self.r_r2}[region]()

    def _delete_in_r2_or(self, replacement: str | None) -> None:
        """Snowball's ``(R2 delete) or <- replacement``: delete the suffix in R2, else replace it (if given)."""
        if self.r_r2():
            self.slice_del()
        elif replacement is not None:
            self.slice_from(replacement)

    def _then_suffix(self, suffix: str, replacement: str | None) -> bool:
        """After a deletion, look back for ``suffix`` and treat it with :meth:`_delete_in_r2_or`."""
        self.ket = self.cursor
        if not self.eq_s_b(suffix):
            return False
        self.bra = self.cursor
        self._delete_in_r2_or(replacement)
        return True

    def r_standard_suffix(self) -> bool:
        self.ket = self.cursor
        among_var = self.find_among_b(A_4)
        if not among_var:
            return False
        self.bra = self.cursor
        plain = _STANDARD_PLAIN.get(among_var)
        if plain:  # the suffix is replaced when it lies in its region; nothing else follows
            region, replacement = plain
            if region and not self._in_region(region):
                return False
            self.slice_from(replacement)
            return True
        if among_var in (13, 14):  # -amment, -emment: replaced in RV, and the step is not counted as done
            if self.r_rv():
                self.slice_from("ant" if among_var == 13 else "ent")
            return False
        if among_var == 15:  # -ment after a vowel in RV
            v_1 = self.limit - self.cursor
            if self.in_grouping_b(G_V, 97, 251) and self.r_rv():
                self.cursor = self.limit - v_1
                self.slice_del()
            return False
        if among_var == 11:  # -euse(s)
            if self.r_r2():
                self.slice_del()
            elif not self.r_r1():
                return False
            else:
                self.slice_from("eux")
            return True
        if among_var == 12:  # -issement(s) after a consonant
            if not self.r_r1() or not self.out_grouping_b(G_V, 97, 251):
                return False
            self.slice_del()
            return True
        # The suffixes deleted first, with more to look at before them.
        if not self._in_region("rv" if among_var == 6 else "r2"):
            return False
        self.slice_del()
        if among_var == 2:  # -ation, -ateur...: then -ic
            self._then_suffix("ic", "iqU")
        elif among_var == 8:  # -if, -ive...: then -at, then -ic
            self.ket = self.cursor
            if self.eq_s_b("at"):
                self.bra = self.cursor
                if self.r_r2():
                    self.slice_del()
                    self._then_suffix("ic", "iqU")
        elif among_var == 7:  # -ité: then -abil, -ic, -iv
            self.ket = self.cursor
            among_var = self.find_among_b(A_3)
            if among_var:
                self.bra = self.cursor
                self._delete_in_r2_or({1: "abl", 2: "iqU", 3: None}[among_var])
        else:  # 6, -ement: then -iv, -eus, -abl, -iqU, -ièr
            self._after_ement()
        return True

    def _after_ement(self) -> None:
        self.ket = self.cursor
        among_var = self.find_among_b(A_2)
        if not among_var:
            return
        self.bra = self.cursor
        if among_var == 1:  # -iv: then -at
            if self.r_r2():
                self.slice_del()
                self.ket = self.cursor
                if self.eq_s_b("at"):
                    self.bra = self.cursor
                    if self.r_r2():
                        self.slice_del()
        elif among_var == 2:  # -eus
            if self.r_r2():
                self.slice_del()
            elif self.r_r1():
                self.slice_from("eux")
        elif among_var == 3:  # -abl, -iqU
            if self.r_r2():
                self.slice_del()
        elif among_var == 4:  # -ièr
            if self.r_rv():
                self.slice_from("i")

    def r_i_verb_suffix(self) -> bool:
        if self.cursor < self.p_v:
            return False
        v_1 = self.limit_backward
        self.limit_backward = self.p_v
        self.ket = self.cursor
        among_var = self.find_among_b(A_5)
        if not among_var:
            self.limit_backward = v_1
            return False
        self.bra = self.cursor
        if among_var == 1:
            if not self.out_grouping_b(G_V, 97, 251):
                self.limit_backward = v_1
                return False
            self.slice_del()
        self.limit_backward = v_1
        return True

    def r_verb_suffix(self) -> bool:
        if self.cursor < self.p_v:
            return False
        v_2 = self.limit_backward
        self.limit_backward = self.p_v
        self.ket = self.cursor
        among_var = self.find_among_b(A_6)
        if not among_var:
            self.limit_backward = v_2
            return False
        self.bra = self.cursor
        if among_var == 1:
            if not self.r_r2():
                self.limit_backward = v_2
                return False
            self.slice_del()
        elif among_var == 2:
            self.slice_del()
        elif among_var == 3:
            self.slice_del()
            v_3 = self.limit - self.cursor
            self.ket = self.cursor
            if self.eq_s_b("e"):
                self.bra = self.cursor
                self.slice_del()
            else:
                self.cursor = self.limit - v_3
        self.limit_backward = v_2
        return True

    def r_residual_suffix(self) -> None:
        v_1 = self.limit - self.cursor
        self.ket = self.cursor
        if self.eq_s_b("s"):
            self.bra = self.cursor
            v_2 = self.limit - self.cursor
            if self.out_grouping_b(G_KEEP_WITH_S, 97, 232):
                self.cursor = self.limit - v_2
                self.slice_del()
            else:
                self.cursor = self.limit - v_1
        else:
            self.cursor = self.limit - v_1
        if self.cursor >= self.p_v:
            v_4 = self.limit_backward
            self.limit_backward = self.p_v
            self.ket = self.cursor
            among_var = self.find_among_b(A_7)
            if among_var:
                self.bra = self.cursor
                if among_var == 1:
                    if self.r_r2():
                        v_5 = self.limit - self.cursor
                        deleted = True
                        if not self.eq_s_b("s"):
                            self.cursor = self.limit - v_5
                            deleted = self.eq_s_b("t")
                        if deleted:
                            self.slice_del()
                elif among_var == 2:
                    self.slice_from("i")
                elif among_var == 3:
                    self.slice_del()
                elif among_var == 4:
                    if self.eq_s_b("gu"):
                        self.slice_del()
            self.limit_backward = v_4

    def r_un_double(self) -> None:
        v_1 = self.limit - self.cursor
        if self.find_among_b(A_8):
            self.cursor = self.limit - v_1
            self.ket = self.cursor
            if self.cursor > self.limit_backward:
                self.cursor -= 1
                self.bra = self.cursor
                self.slice_del()

    def r_un_accent(self) -> None:
        v_2 = 1
        while self.out_grouping_b(G_V, 97, 251):
            v_2 -= 1
        if v_2 <= 0:
            self.ket = self.cursor
            v_1 = self.limit - self.cursor
            if not self.eq_s_b("é"):
                self.cursor = self.limit - v_1
                if not self.eq_s_b("è"):
                    return
            self.bra = self.cursor
            self.slice_from("e")

    def habr5(self) -> None:
        if not self.r_standard_suffix():
            self.cursor = self.limit
            if not self.r_i_verb_suffix():
                self.cursor = self.limit
                if not self.r_verb_suffix():
                    self.cursor = self.limit
                    self.r_residual_suffix()
                    return
        self.cursor = self.limit
        self.ket = self.cursor
        if self.eq_s_b("Y"):
            self.bra = self.cursor
            self.slice_from("i")
        else:
            self.cursor = self.limit
            if self.eq_s_b("ç"):
                self.bra = self.cursor
                self.slice_from("c")

    def stem(self) -> str:
        v_1 = self.cursor
        self.r_prelude()
        self.cursor = v_1
        self.r_mark_regions()
        self.limit_backward = v_1
        self.cursor = self.limit
        self.habr5()
        self.cursor = self.limit
        self.r_un_double()
        self.cursor = self.limit
        self.r_un_accent()
        self.cursor = self.limit_backward
        self.r_postlude()
        return self.current


@lru_cache(maxsize=None)
def stem(word: str) -> str:
    """The stem lunr.fr.js gives the (lowercased, trimmed, accent-folded) word ``word``."""
    return _Program(word).stem()
