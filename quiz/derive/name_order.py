"""Which word of a name is the family name: the last, or the first in Chinese, Korean and Vietnamese names."""

from __future__ import annotations

import re
from functools import lru_cache

from quiz.derive.gazetteer import gazetteer
from quiz.derive.sentences import word_set

# Common family names that come first in the names news writes in their own order. A name opening
# with one is read family-name-first only when its given part is no Western first name ('Lee Smith').
_FAMILY_FIRST = word_set(
    """Ma Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Zhu Hu Guo Lin Luo Gao Zheng Liang Xie Song
    Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen
    Yao Jin Xi Hua Qian Kong Mao Bo Wen Meng Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Shin Oh Seo Kwon
    Hwang Ahn Song Yoo Hong Moon Ko Nguyen Tran Pham Hoang Phan Vu Dang Bui Ngo Duong Ly Wong Chan Leung
    Cheung Lau Ng Yip Tsang Chow Chu Ho Lam Tsai Lai Hsu"""
)
# 'Min-woo', 'Pik-wan', 'Ki-moon': a two-syllable given name written with a hyphen.
_HYPHENED_GIVEN = re.compile(r"[A-Z][a-z]+-[A-Za-z][a-z]+")


@lru_cache(maxsize=4096)
def family_first(name: str) -> bool:
    """Is `name` written family name first ('Ma Zhaoxu', 'Kim Shin-wook', 'Ban Ki-moon')?"""
    parts = name.split()
    if not 2 <= len(parts) <= 3:
        return False
    if _HYPHENED_GIVEN.fullmatch(parts[-1]) and len(parts) == 2:
        return True
    first_names = gazetteer().first_names
    if parts[0] not in _FAMILY_FIRST or any(p in first_names for p in parts[1:]):
        return False
    # 'Lee' and 'Kim' are Western first names too: 'Lee Smith' is Mr Smith, 'Lee Kuan Yew' is Mr Lee.
    return parts[0] not in ("Lee", "Kim") or len(parts) == 3


def family_name(name: str) -> str:
    """The word of a full name that stands for the person alone: 'Zhaoxu' never, 'Ma' for 'Ma Zhaoxu'."""
    parts = name.split()
    if not parts:
        return ""
    return parts[0] if family_first(name) else parts[-1]
