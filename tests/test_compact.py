"""resolve.compact: the gazetteer's column store and name table give back what they were given."""

import pickle

import pytest

from sitrep.resolve.compact import Postings, Rows


def test_rows_give_back_equal_values_of_the_same_types():
    given = [
        ("Aleppo", "city", "SYR", "Aleppo", 36.2021, 37.1343, 1_602_264, "town", 1),
        ("Syria", "country", "SYR", None, None, None, 10**9, "country", None),
        ("Şanlıurfa", "city", "TUR", None, 37.1591, 38.7969, 0, "ucdp-town", 2),
        ("Kabul", "city", "AFG", "Kabul", 34.5, 69.0, 3_043_532, "town", 1),
    ]
    rows = Rows(given)
    assert len(rows) == 4
    for i, row in enumerate(given):
        got = rows[i]
        assert got == row
        assert [type(v) for v in got] == [type(v) for v in row]  # no int turned float, no None lost
    assert rows[-1] == given[-1] and rows[1:3] == given[1:3] and list(rows) == given
    with pytest.raises(IndexError):
        rows[4]
    again = pickle.loads(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
    assert list(again) == given


def test_rows_keep_columns_of_mixed_types_as_they_are():
    given = [("a", 1, 2.5, True, 1.0), ("b", 2.0, None, False, None), ("c", None, 3.0, None, float("nan"))]
    rows = Rows(given)
    assert [rows[i][:4] for i in range(3)] == [r[:4] for r in given]
    assert rows[0][4] == 1.0 and rows[1][4] is None and rows[2][4] != rows[2][4]  # a NaN is no None
    assert type(rows[0][1]) is int and type(rows[1][1]) is float and rows[0][3] is True


def test_rows_store_many_distinct_names_as_text():
    given = [(f"place {i} é", i * 0.5) for i in range(70_000)]  # more names than 16-bit codes hold
    rows = Rows(given, memo=10)
    assert rows[0] == given[0] and rows[69_999] == given[69_999] and rows[12_345] == given[12_345]
    for i in range(0, 70_000, 997):  # the memo is emptied when full and rows still come back right
        assert rows[i] == given[i]


def test_a_rows_field_is_the_value_of_its_row_whether_the_row_is_remembered_or_not():
    given = [(f"town {i} é" if i % 4 else None, "city" if i % 3 else "admin1", "SYR" if i % 2 else "IRQ",
              i * 1000 if i % 5 else None, i * 0.5 if i % 7 else None) for i in range(60)]
    rows = Rows(given, memo=4)
    for i, row in enumerate(given):
        if i % 6 == 0:
            assert rows[i] == row  # built as a whole (and remembered) before its fields are asked
        got = tuple(rows.field(i, k) for k in range(len(row)))
        assert got == row and [type(v) for v in got] == [type(v) for v in row]
    assert rows.field(-1, 2) == given[-1][2]
    with pytest.raises(IndexError):
        rows.field(60, 0)


def test_postings_behave_as_a_dict_of_id_tuples():
    table = {"aleppo": (3,), "homs": (1, 7), "idlib": (2,)}
    post = Postings(table)
    assert post.get("aleppo") == (3,) and post.get("homs") == (1, 7) and post.get("raqqa") == ()
    assert post.get("raqqa", (9,)) == (9,)
    assert post["idlib"] == (2,) and "homs" in post and "raqqa" not in post and len(post) == 3
    assert dict(post.items()) == table and set(post) == set(table) == set(post.keys())
    assert Postings({"x": [4, 5]}).get("x") == (4, 5)
    again = pickle.loads(pickle.dumps(post))
    assert dict(again.items()) == table
    with pytest.raises(KeyError):
        post["raqqa"]


def test_postings_find_every_name_of_a_large_table():
    table = {f"name {i}": tuple(range(i % 4 + 1)) for i in range(5_000)} | {"Şanlıurfa": (7,), "": (1, 2)}
    post = Postings(table)
    assert len(post) == len(table) and dict(post.items()) == table
    assert all(post.get(key) == ids for key, ids in table.items())
    assert post.get("name 5000") == () and post.get("name") == () and "Sanliurfa" not in post


def test_postings_remember_lookups_within_their_limit():
    post = Postings({"aleppo": (3,), "homs": (1, 7)}, memo=2)
    for _ in range(3):  # asked again and again, found and not found, past the memo's size
        assert post.get("aleppo") == (3,) and post.get("raqqa") == () and post.get("raqqa", (5,)) == (5,)
        assert post.get("homs") == (1, 7)
