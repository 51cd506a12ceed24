use super::*;
use crate::model::date::MONTH_ABBREVIATIONS;

fn locale(code: &str) -> Locale {
    Locale::new(find(code).unwrap_or_else(|| panic!("{code} is in the table")))
}

fn month(year: u16, month: u8) -> Date {
    Date::Month { year, month }
}

#[test]
fn the_two_tables_list_the_same_languages_in_the_same_order() {
    let cldr: Vec<&str> = CLDR.iter().map(|c| c.code).collect();
    let words: Vec<&str> = WORDS.iter().map(|w| w.code).collect();
    assert_eq!(cldr, words);
    assert_eq!(languages().count(), 27);
    assert_eq!(cldr[0], "en");
    let mut sorted = cldr[1..].to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted, cldr[1..], "after English, by code, each once");
}

#[test]
fn english_is_what_the_resume_always_printed() {
    let en = Locale::default();
    assert_eq!(en.months_short, MONTH_ABBREVIATIONS.map(str::to_owned));
    assert_eq!(en.format_date(&month(2024, 7)), "Jul 2024");
    assert_eq!(en.format_date(&Date::Present), "Present");
    assert_eq!(en.format_date(&Date::Year(2021)), "2021");
    assert_eq!(
        en.format_range(&month(2024, 7), &month(2025, 8)),
        "Jul 2024 \u{2013} Aug 2025"
    );
    assert_eq!(en.format_date(&Date::Text("Fall 2025".into())), "Fall 2025");
    // A month out of range (never parsed, but not a panic either).
    assert_eq!(en.format_date(&month(2024, 13)), "2024-13");
    assert_eq!(en.format_date(&month(2024, 0)), "2024-00");
    let headings: Vec<&str> = english().words.headings.to_vec();
    assert_eq!(headings[..3], ["Summary", "Experience", "Education"]);
}

#[test]
fn the_examples_of_the_issue() {
    let range = |code: &str| locale(code).format_range(&month(2024, 7), &Date::Present);
    assert_eq!(range("de"), "Juli 2024 \u{2013} heute");
    assert_eq!(range("fr"), "juil. 2024 \u{2013} aujourd\u{2019}hui");
    assert_eq!(range("ja"), "2024年7月 \u{2013} 現在");
}

#[test]
fn every_language_prints_every_month_from_its_template() {
    for language in languages() {
        for style in [DateStyle::Short, DateStyle::Long] {
            let mut l = Locale::new(language);
            l.style = style;
            for m in 1..=12 {
                let printed = l.format_date(&month(2024, m));
                assert!(!printed.contains(['{', '}']), "{language:?}: {printed}");
                assert!(!printed.trim().is_empty(), "{language:?}");
                assert!(printed.chars().count() < 40, "{language:?}: {printed}");
            }
        }
    }
}

#[test]
fn digits_of_the_default_numbering_system() {
    assert_eq!(locale("ar").format_date(&Date::Year(2024)), "٢٠٢٤");
    assert_eq!(locale("fa").format_date(&Date::Year(2024)), "۲۰۲۴");
    assert_eq!(locale("hi").format_date(&Date::Year(2024)), "2024");
    let mut latin = locale("ar");
    latin.latin_digits = true;
    assert_eq!(latin.format_date(&month(2024, 7)), "يوليو 2024");
}

#[test]
fn a_tag_finds_its_language_by_the_primary_subtag() {
    let code = |tag: &str| find(tag).map(Language::code);
    assert_eq!(code("de"), Some("de"));
    assert_eq!(code(" DE-at "), Some("de"));
    assert_eq!(code("zh-Hant-TW"), Some("zh"));
    assert_eq!(code("no"), Some("nb"));
    assert_eq!(code("iw"), Some("he"));
    assert_eq!(code("xx"), None);
    assert_eq!(code("x-private"), None);
    assert_eq!(code(""), None);
}

#[test]
fn an_unknown_language_suggests_the_one_meant() {
    let meant = |tag: &str| {
        let d = unknown(tag);
        assert_eq!(d.message, format!("unknown language `{tag}`"));
        assert!(d.hints.last().is_some_and(|h| h.contains("de, el, es")));
        d.hints
            .iter()
            .find_map(|h| h.strip_prefix("did you mean `"))
            .map(|h| h.trim_end_matches("`?").to_owned())
    };
    assert_eq!(meant("dk").as_deref(), Some("da"));
    assert_eq!(meant("jp-JP").as_deref(), Some("ja"));
    assert_eq!(meant("deu").as_deref(), Some("de"));
    assert_eq!(meant("ger").as_deref(), Some("de"));
    assert_eq!(meant("german").as_deref(), Some("de"));
    assert_eq!(meant("swedsh").as_deref(), Some("sv"));
    assert_eq!(meant("xx"), None);
    assert_eq!(meant("fi"), None);
}

#[test]
fn check_tag_reports_where() {
    let field = Spanned::new(7..11, "xx".to_owned());
    let d = check_tag(&field, "variants.de.lang").unwrap_err();
    assert_eq!(d.span, Some(7..11));
    assert_eq!(d.path.as_deref(), Some("variants.de.lang"));
    let field = Spanned::new(0..7, "en_US".to_owned());
    let d = check_tag(&field, "lang").unwrap_err();
    assert_eq!(d.hints, [crate::model::lang::HINT]);
    assert!(check_tag(&Spanned::new(0..2, "pt-BR".to_owned()), "lang").is_ok());
}

#[test]
fn hyphenation_patterns() {
    assert_eq!(patterns("de-CH"), Some(Patterns::German1996));
    assert_eq!(patterns("en-US"), Some(Patterns::EnglishUS));
    assert_eq!(patterns("en-gb"), Some(Patterns::EnglishGB));
    assert_eq!(patterns("ja"), None);
    assert_eq!(patterns("xx"), None);
    let with = with_patterns();
    assert!(with.contains(&"hi") && !with.contains(&"ar"), "{with:?}");
    for language in languages() {
        let loaded = dictionary(language.code()).map(hyphenation::Standard::language);
        assert_eq!(loaded, language.words.patterns, "{language:?}");
    }
}

#[test]
fn french_quotes_carry_a_narrow_no_break_space() {
    let fr = locale("fr");
    assert_eq!(fr.quotes().outer, ["«\u{202F}", "\u{202F}»"]);
    assert_eq!(locale("de").quotes().outer, ["„", "“"]);
    assert_eq!(locale("ja").quotes().inner, ["『", "』"]);
}

#[test]
fn every_language_has_every_heading_and_a_present() {
    for language in languages() {
        let w = language.words;
        assert!(!w.present.trim().is_empty(), "{language:?}");
        for h in w.headings {
            assert!(!h.trim().is_empty() && h.trim() == h, "{language:?}: {h:?}");
        }
        let mut sorted = w.headings.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 13, "{language:?}: two sections share a title");
    }
}

/// Page 2 of 3 in the running header of every language, in the table's
/// order.
const PAGE_2_OF_3: [(&str, &str); 27] = [
    ("en", "page 2 of 3"),
    ("ar", "صفحة ٢ من ٣"),
    ("cs", "strana 2 z 3"),
    ("da", "side 2 af 3"),
    ("de", "Seite 2 von 3"),
    ("el", "σελίδα 2 από 3"),
    ("es", "página 2 de 3"),
    ("fa", "صفحه ۲ از ۳"),
    ("fr", "page 2 sur 3"),
    ("he", "עמוד 2 מתוך 3"),
    ("hi", "पृष्ठ 2 / 3"),
    ("hu", "2/3. oldal"),
    ("id", "halaman 2 dari 3"),
    ("it", "pagina 2 di 3"),
    ("ja", "2 / 3 ページ"),
    ("ko", "2 / 3 페이지"),
    ("nb", "side 2 av 3"),
    ("nl", "pagina 2 van 3"),
    ("nn", "side 2 av 3"),
    ("pl", "strona 2 z 3"),
    ("pt", "página 2 de 3"),
    ("ru", "страница 2 из 3"),
    ("sv", "sida 2 av 3"),
    ("tr", "sayfa 2 / 3"),
    ("uk", "сторінка 2 з 3"),
    ("vi", "trang 2/3"),
    ("zh", "第2页，共3页"),
];

#[test]
fn every_language_numbers_a_page_with_both_placeholders() {
    let codes: Vec<&str> = languages().map(Language::code).collect();
    let table: Vec<&str> = PAGE_2_OF_3.iter().map(|(code, _)| *code).collect();
    assert_eq!(table, codes, "one row per language, in the table's order");
    for (code, printed) in PAGE_2_OF_3 {
        let l = locale(code);
        let pattern = l.language.words.page;
        // The check a `[locale] page` override takes.
        assert_eq!(patch::placeholders(pattern), Ok(()), "{code}");
        assert!(pattern.trim() == pattern, "{code}: {pattern:?}");
        let words = l.page_words();
        assert_eq!(words.pattern(), pattern);
        assert_eq!(words.format(2, 3), printed, "{code}");
        assert_eq!(
            words.format(2, 3).matches(['2', '٢', '۲']).count(),
            1,
            "{code}"
        );
    }
}

#[test]
fn page_numbers_take_the_locales_digits() {
    assert_eq!(
        Locale::default().page_words(),
        crate::document::PageWords::default()
    );
    assert_eq!(locale("ar").page_words().format(12, 345), "صفحة ١٢ من ٣٤٥");
    assert_eq!(locale("fa").page_words().format(10, 10), "صفحه ۱۰ از ۱۰");
    let mut latin = locale("ar");
    latin.latin_digits = true;
    assert_eq!(latin.page_words().format(2, 3), "صفحة 2 من 3");
}

mod patches {
    use super::*;
    use crate::model::LocaleDef;

    fn def(toml: &str) -> LocaleDef {
        toml::from_str(toml).expect("a [locale] table")
    }

    fn patched(code: &str, toml: &str) -> (Locale, Vec<Diagnostic>) {
        let mut errors = Vec::new();
        let mut l = locale(code);
        Patch::read(&def(toml), "locale", &mut errors).apply(&mut l);
        (l, errors)
    }

    #[test]
    fn any_word_can_be_replaced() {
        let (l, errors) = patched(
            "de",
            "present = \"jetzt\"\nmonths_short = [\"Jan\", \"Feb\", \"Mär\", \"Apr\", \"Mai\", \
             \"Jun\", \"Jul\", \"Aug\", \"Sep\", \"Okt\", \"Nov\", \"Dez\"]\n\
             quotes = [\"»\", \"«\"]\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            l.format_range(&month(2024, 3), &Date::Present),
            "Mär 2024 \u{2013} jetzt"
        );
        assert_eq!(l.quotes().outer, ["»", "«"]);
        assert_eq!(l.quotes().inner, ["‚", "‘"], "the inner pair stays");
        let (l, errors) = patched("en", "date_style = \"Long\"\ndigits = \"latin\"\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(l.format_date(&month(2024, 7)), "July 2024");
    }

    #[test]
    fn bad_replacements_are_located_errors() {
        let (l, errors) = patched(
            "de",
            "present = \"  \"\nmonths = [\"a\"]\ndate_style = \"shrot\"\ndigits = \"roman\"\n\
             quotes = [\"a\", \"b\", \"c\"]\nmonths_short = [\"\", \"\", \"\", \"\", \"\", \"\", \
             \"\", \"\", \"\", \"\", \"\", \"\"]\n",
        );
        let messages: Vec<(&str, &str)> = errors
            .iter()
            .map(|d| (d.path.as_deref().unwrap_or(""), d.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                ("locale.present", "the word is empty"),
                (
                    "locale.months",
                    "`months` has 1 names; a year has 12 months"
                ),
                ("locale.months_short", "month 1 is empty"),
                ("locale.date_style", "unknown date style `shrot`"),
                ("locale.digits", "unknown digits `roman`"),
                ("locale.quotes", "`quotes` has 3 marks; it takes 2 or 4"),
            ]
        );
        assert!(errors.iter().all(|d| d.span.is_some()));
        assert_eq!(errors[3].hints[0], "did you mean `short`?");
        // Nothing bad is applied.
        assert_eq!(
            l.format_range(&month(2024, 7), &Date::Present),
            "Juli 2024 \u{2013} heute"
        );
        let (_, errors) = patched("en", &format!("present = \"{}\"\n", "x".repeat(33)));
        assert_eq!(
            errors[0].message,
            "the word is 33 characters long; the limit is 32"
        );
        let (_, errors) = patched("en", "present = \"a\\u0007\"\n");
        assert_eq!(errors[0].message, "the word has a control character");
    }

    #[test]
    fn the_page_number_can_be_replaced() {
        let (l, errors) = patched("de", "page = \"S. {page}/{count}\"\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(l.page_words().format(2, 3), "S. 2/3");
        // The language's digits still apply.
        let (l, errors) = patched("ar", "page = \"{page}/{count}\"\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(l.page_words().format(2, 3), "٢/٣");
    }

    #[test]
    fn a_page_number_without_its_placeholders_is_a_located_error() {
        let error = |pattern: &str| {
            let toml = format!("page = \"{pattern}\"\n");
            let (l, errors) = patched("de", &toml);
            assert_eq!(l.page_words().format(2, 3), "Seite 2 von 3", "{pattern}");
            assert_eq!(errors.len(), 1, "{pattern}");
            let d = &errors[0];
            assert_eq!(d.path.as_deref(), Some("locale.page"));
            assert_eq!(d.span, Some(7..toml.len() - 1), "{pattern}");
            assert!(d.hints.last().unwrap().contains("{page} and {count}"));
            (
                d.message.clone(),
                d.hints.first().cloned().unwrap_or_default(),
            )
        };
        assert_eq!(error("p. {page}").0, "the page number has no `{count}`");
        assert_eq!(error("{count} pages").0, "the page number has no `{page}`");
        assert_eq!(
            error("page").0,
            "the page number has no `{page}` and no `{count}`"
        );
        assert_eq!(
            error("{pages} of {count}"),
            (
                "unknown placeholder `{pages}` in the page number".to_owned(),
                "did you mean `{page}`?".to_owned()
            )
        );
        assert_eq!(
            error("{page} of {count").0,
            "the page number has a lone `{`"
        );
        assert_eq!(
            error("page} of {count}").0,
            "the page number has a lone `}`"
        );
        assert_eq!(error(" ").0, "the page number is empty");
        assert_eq!(
            error(&format!("{{page}}/{{count}}{}", "x".repeat(40))).0,
            "the page number is 54 characters long; the limit is 48"
        );
    }
}

#[test]
fn arabic_persian_and_hebrew_are_written_right_to_left() {
    use crate::model::theme::Direction;
    let rtl: Vec<&str> = languages()
        .filter(|l| l.right_to_left())
        .map(Language::code)
        .collect();
    assert_eq!(rtl, ["ar", "fa", "he"]);
    assert_eq!(locale("he").direction(), Direction::Rtl);
    assert_eq!(locale("de").direction(), Direction::Ltr);
    assert_eq!(Locale::default().direction(), Direction::Ltr);
}
