"""The date readers: a publication date needs a whole date; a sentence's date may lack a year."""

from __future__ import annotations

from datetime import date

from extract.text.dates import MONTHS, calendar_date, explicit_dates, leading_date, parse_date, weekday_dates


def test_parse_date_reads_iso_day_month_and_month_day_forms_in_any_case():
    assert parse_date("Updated 2019-03-04 10:00") == date(2019, 3, 4)
    assert parse_date("3rd Sept. 2021") == date(2021, 9, 3)
    assert parse_date("JULY 27, 2024") == date(2024, 7, 27)


def test_parse_date_needs_a_year_and_a_real_day():
    assert parse_date("July 27") is None
    assert parse_date("31 June 2020") is None
    assert parse_date("5 Julyx 2020") is None


def test_explicit_dates_take_the_year_from_publication_and_step_back_over_new_year():
    published = date(2020, 1, 3)
    refs = explicit_dates("The floods began on December 30 and eased by 2 January.", published)
    assert [r.when for r in refs] == [date(2019, 12, 30), date(2020, 1, 2)]
    assert explicit_dates("It began on March 8.", None) == []


def test_a_lower_case_may_is_not_a_month_in_a_sentence():
    assert explicit_dates("Officials said the toll may 5 times higher.", date(2020, 6, 1)) == []


def test_weekday_is_the_latest_such_day_on_or_before_publication():
    published = date(2020, 6, 7)  # a Sunday
    [ref] = weekday_dates("The bridge fell on Saturday.", published)
    assert (ref.when, ref.explicit) == (date(2020, 6, 6), False)
    assert weekday_dates("The bridge fell on Saturday.", None) == []


def test_month_table_and_calendar_date():
    assert MONTHS["sept"] == MONTHS["september"] == 9
    assert calendar_date(2021, 2, 29) is None


def test_leading_date_reads_only_a_date_the_text_begins_with():
    assert leading_date("2031-05-03 Kestral toll rises") == (date(2031, 5, 3), 10)
    assert leading_date("3rd May 2031 | 14:51") == (date(2031, 5, 3), 12)
    assert leading_date("Toll rises, 3 May 2031") is None
    assert leading_date("31 June 2031") is None
