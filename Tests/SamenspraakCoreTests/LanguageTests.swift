import Testing
@testable import SamenspraakCore

@Suite struct AcceptLanguageTests {
    @Test func picks_the_highest_quality_supported_language() {
        let best = AcceptLanguage.best(header: "de-DE,de;q=0.9,en-GB;q=0.8,nl;q=0.7", supported: [.nl, .en])
        #expect(best == .en)
    }

    @Test func region_subtags_match_their_language() {
        #expect(AcceptLanguage.best(header: "nl-BE", supported: [.nl, .en]) == .nl)
    }

    @Test func zero_quality_means_not_acceptable() {
        #expect(AcceptLanguage.best(header: "en;q=0, fr", supported: [.nl, .en]) == nil)
    }

    @Test func wildcard_takes_the_first_supported() {
        #expect(AcceptLanguage.best(header: "de, *;q=0.1", supported: [.nl, .en]) == .nl)
    }

    @Test func missing_or_garbage_header_gives_nothing() {
        #expect(AcceptLanguage.best(header: nil, supported: [.nl]) == nil)
        #expect(AcceptLanguage.best(header: ";;;,,", supported: [.nl]) == nil)
    }

    @Test func arabic_dari_and_pashto_are_the_right_to_left_languages() {
        #expect(LanguageCode.builtIn.filter(\.isRightToLeft) == [.ar, .prs, .ps])
    }

    @Test func the_fifteen_languages_of_flemish_families_are_built_in() {
        #expect(LanguageCode.builtIn.map(\.rawValue) == ["nl", "fr", "en", "ar", "tr", "bg", "pl", "ro", "sk", "uk", "ru", "prs", "ps", "ti", "so"])
        #expect(LanguageCode.ti.endonym == "ትግርኛ" && LanguageCode.prs.endonym == "دری")
        #expect(LanguageCode(rawValue: "xx") == nil, "an unknown code is no language")
        #expect(LanguageCode(rawValue: "ti") == .ti)
    }

    @Test func a_language_added_by_its_files_is_registered_once_and_cannot_be_renamed() throws {
        let source = "language.name = Taqbaylit\nlanguage.direction = ltr\nstatus = draft\n"
        let info = try LanguageHeader.info(code: "kab", source: source, file: "kab.txt")
        #expect(info == .init(code: "kab", endonym: "Taqbaylit", rightToLeft: false))
        let kabyle = try LanguageCode.register(info)
        #expect(LanguageCode(rawValue: "kab") == kabyle && kabyle.endonym == "Taqbaylit")
        #expect(LanguageCode.allCases.last(where: { !LanguageCode.builtIn.contains($0) }) != nil)
        #expect(LanguageCode.nl < kabyle && LanguageCode.so < kabyle, "added languages follow the built-in ones")
        #expect(try LanguageCode.register(info) == kabyle, "registering the same language again changes nothing")
        #expect(throws: LanguageCode.RegistrationError.conflicts(code: "kab")) {
            try LanguageCode.register(.init(code: "kab", endonym: "Kabyle", rightToLeft: true))
        }
        #expect(throws: LanguageCode.RegistrationError.conflicts(code: "nl")) {
            try LanguageCode.register(.init(code: "nl", endonym: "Vlaams", rightToLeft: false))
        }
        #expect(throws: LanguageCode.RegistrationError.malformedCode("K<b")) {
            try LanguageCode.register(.init(code: "K<b", endonym: "x", rightToLeft: false))
        }
        #expect(throws: LanguageCode.RegistrationError.badName(code: "zza")) {
            try LanguageCode.register(.init(code: "zza", endonym: "<script>", rightToLeft: false))
        }
        #expect(LanguageCode(rawValue: "zza") == nil, "a refused language is not known")
    }

    @Test func a_file_of_a_language_not_built_in_must_name_it() {
        #expect(throws: QuestionnaireError.self) { try LanguageHeader.info(code: "kab", source: "status = draft\n", file: "kab.txt") }
        #expect(throws: QuestionnaireError.self) {
            try LanguageHeader.info(code: "kab", source: "language.name = Taqbaylit\nlanguage.direction = up\n", file: "kab.txt")
        }
        #expect(throws: QuestionnaireError.self) { try LanguageHeader.info(code: "Kab", source: "language.name = X\n", file: "Kab.txt") }
    }

    @Test func stored_lists_drop_unknown_codes_and_keep_order() {
        #expect(LanguageCode.parseList("uk, nl,xx,ar") == [.nl, .ar, .uk])
        #expect(LanguageCode.storedList([.uk, .nl]) == "nl,uk")
    }
}

@Suite struct CatalogTests {
    @Test func parses_keys_values_comments_and_placeholders() throws {
        let catalog = try Catalog(language: .nl, source: "# comment\n\ngreeting = Dag {name}!\nother=x = y\n", fileName: "nl.txt")
        #expect(catalog.text("greeting", ["name": "An"]) == "Dag An!")
        #expect(catalog.text("other") == "x = y")
    }

    @Test func a_line_without_equals_names_file_and_line() {
        #expect(throws: CatalogError.malformedLine(file: "nl.txt", line: 3)) {
            try Catalog(language: .nl, source: "a = b\n\nbroken line\n", fileName: "nl.txt")
        }
    }

    @Test func a_duplicate_key_is_refused() {
        #expect(throws: CatalogError.duplicateKey(file: "en.txt", line: 2, key: "a")) {
            try Catalog(language: .en, source: "a = b\na = c\n", fileName: "en.txt")
        }
    }

    @Test func a_staff_language_missing_a_key_is_refused() throws {
        let nl = Catalog(language: .nl, entries: ["a": "A", "b": "B"])
        let en = Catalog(language: .en, entries: ["a": "A"])
        #expect(throws: CatalogError.missingKeys(file: "en.txt", keys: ["b"])) {
            try Catalogs([nl, en], fileName: { "\($0.rawValue).txt" })
        }
    }

    @Test func a_partial_parent_language_falls_back_to_dutch() throws {
        let nl = Catalog(language: .nl, entries: ["a": "A-nl", "b": "B-nl"])
        let en = Catalog(language: .en, entries: ["a": "A-en", "b": "B-en"])
        let ar = Catalog(language: .ar, entries: ["a": "A-ar"])
        let catalogs = try Catalogs([nl, en, ar], fileName: { "\($0.rawValue).txt" })
        let t = catalogs.localizer(.ar)
        #expect(t("a") == "A-ar")
        #expect(t("b") == "B-nl")
        #expect(t.language == .ar)
    }
}
