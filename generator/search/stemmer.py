"""lunr.js 2.3.9's Porter stemmer, line for line, so index terms equal what the browser looks up.

lunr.py's stemmer follows Martin Porter's C code, which differs from lunr.js's
in step 1c: it turns a final "y" into "i" after any vowel-bearing stem ("day"
becomes "dai", "pathway" "pathwai"), where lunr.js only does so after a
consonant ("day", "pathway"). An index built with lunr.py's stemmer therefore
misses every such word typed in the browser. tests/search/test_stemmer.py and
the browser tests check this port against lunr.js itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble", "alli": "al",
    "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate", "ator": "ate", "alism": "al",
    "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log",
}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}

_c = "[^aeiou]"           # consonant
_v = "[aeiouy]"           # vowel
_C = _c + "[^aeiouy]*"    # consonant sequence
_V = _v + "[aeiou]*"      # vowel sequence

_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)                       # [C]VC... is m>0
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")    # [C]VC[V] is m=1
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)             # [C]VCVC... is m>1
_S_V = re.compile("^(" + _C + ")?" + _v)                             # vowel in stem

_1A = re.compile(r"^(.+?)(ss|i)es$")
_1A2 = re.compile(r"^(.+?)([^s])s$")
_1B = re.compile(r"^(.+?)eed$")
_1B2 = re.compile(r"^(.+?)(ed|ing)$")
_1B_AT = re.compile(r"(at|bl|iz)$")
_1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_1B_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile(r"^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|"
                r"fulness|ousness|aliti|iviti|biliti|logi)$")
_3 = re.compile(r"^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$")
_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_4B = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")
_5_LL = re.compile(r"ll$")
_5_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")


@lru_cache(maxsize=None)
def stem(w: str) -> str:
    """The stem lunr.js gives the (lowercased, trimmed) word ``w``."""
    if len(w) < 3:
        return w
    firstch = w[0]
    if firstch == "y":
        w = "Y" + w[1:]
    # Step 1a
    if m := _1A.match(w):
        w = m[1] + m[2]
    elif m := _1A2.match(w):
        w = m[1] + m[2]
    # Step 1b
    if m := _1B.match(w):
        if _MGR0.search(m[1]):
            w = w[:-1]
    elif m := _1B2.match(w):
        stem_ = m[1]
        if _S_V.search(stem_):
            w = stem_
            if _1B_AT.search(w):
                w += "e"
            elif _1B_DOUBLE.search(w):
                w = w[:-1]
            elif _1B_CVC.search(w):
                w += "e"
    # Step 1c: y -> i only after a consonant (cry -> cri, say -> say)
    if m := _1C.match(w):
        w = m[1] + "i"
    # Step 2
    if (m := _2.match(w)) and _MGR0.search(m[1]):
        w = m[1] + _STEP2[m[2]]
    # Step 3
    if (m := _3.match(w)) and _MGR0.search(m[1]):
        w = m[1] + _STEP3[m[2]]
    # Step 4
    if m := _4.match(w):
        if _MGR1.search(m[1]):
            w = m[1]
    elif m := _4B.match(w):
        if _MGR1.search(m[1] + m[2]):
            w = m[1] + m[2]
    # Step 5
    if m := _5.match(w):
        s = m[1]
        if _MGR1.search(s) or (_MEQ1.search(s) and not _5_CVC.search(s)):
            w = s
    if _5_LL.search(w) and _MGR1.search(w):
        w = w[:-1]
    if firstch == "y":
        w = "y" + w[1:]
    return w
