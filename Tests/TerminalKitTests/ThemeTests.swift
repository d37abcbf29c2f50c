import XCTest
@testable import TerminalKit

final class ThemeTests: XCTestCase {
    func testNoColorFromEnvironmentOrArgument() {
        XCTAssertTrue(Theme.noColorRequested(environment: ["NO_COLOR": "1"], arguments: ["segtui"]))
        XCTAssertFalse(Theme.noColorRequested(environment: ["NO_COLOR": ""], arguments: ["segtui"]),
                       "an empty NO_COLOR does not count (no-color.org)")
        XCTAssertTrue(Theme.noColorRequested(environment: [:], arguments: ["segtui", "--no-color"]))
        XCTAssertFalse(Theme.noColorRequested(environment: ["TERM": "xterm"], arguments: ["segtui"]))
    }

    func testColourLevelFollowsTheTerminal() {
        XCTAssertEqual(Theme.forTerminal(colorCount: 256, noColor: false, ascii: false).colors, .extended)
        XCTAssertEqual(Theme.forTerminal(colorCount: 8, noColor: false, ascii: false).colors, .basic)
        XCTAssertEqual(Theme.forTerminal(colorCount: 0, noColor: false, ascii: false).colors, .monochrome)
        XCTAssertEqual(Theme.forTerminal(colorCount: 256, noColor: true, ascii: false).colors, .monochrome)
    }

    func testMonochromeUsesAttributesOnly() {
        let theme = Theme(colors: .monochrome)
        for role in Style.Role.allCases {
            let look = theme.appearance(of: Style(role))
            XCTAssertFalse(look.usesColor, "\(role)")
            XCTAssertEqual(theme.colorPair(for: role), 0)
        }
        XCTAssertTrue(theme.colorPairs.isEmpty)
        XCTAssertTrue(theme.appearance(of: .selection).attributes.contains(.reverse))
        XCTAssertTrue(theme.appearance(of: .header).attributes.contains(.bold))
        XCTAssertNotEqual(theme.appearance(of: .error), theme.appearance(of: .plain), "errors stand out without colour")
    }

    func testStyleFlagsAddToTheRole() {
        let theme = Theme(colors: .basic)
        let look = theme.appearance(of: Style(.accent, bold: true, underline: true))
        XCTAssertEqual(look.attributes, [.bold, .underline])
        XCTAssertNotEqual(look.foreground, Theme.Appearance.defaultColor)
    }

    func testReverseIsNotAppliedOverARoleWithItsOwnBackground() {
        let theme = Theme(colors: .extended)
        let selection = theme.appearance(of: .selection)
        XCTAssertNotEqual(selection.background, Theme.Appearance.defaultColor)
        XCTAssertFalse(selection.attributes.contains(.reverse))
        XCTAssertTrue(Theme(colors: .basic).appearance(of: .selection).attributes.contains(.reverse))
    }

    func testColourPairsAreDistinctAndRegistered() {
        for colors in [Theme.Colors.basic, .extended] {
            let theme = Theme(colors: colors)
            let pairs = theme.colorPairs
            XCTAssertEqual(Set(pairs.map(\.pair)).count, pairs.count)
            XCTAssertFalse(pairs.contains { $0.pair == 0 }, "pair 0 is the terminal's own and cannot be set")
            for role in Style.Role.allCases where theme.colorPair(for: role) != 0 {
                XCTAssertTrue(pairs.contains { $0.pair == theme.colorPair(for: role) }, "\(role)")
            }
            XCTAssertEqual(theme.colorPair(for: .normal), 0)
            XCTAssertNotEqual(theme.colorPair(for: .error), 0)
            if colors == .basic {
                XCTAssertTrue(pairs.allSatisfy { $0.foreground < 8 && $0.background < 8 })
            }
        }
    }

    func testASCIIModeCharacters() {
        let ascii = Theme(colors: .monochrome, ascii: true)
        XCTAssertEqual(ascii.spinnerFrames, ["|", "/", "-", "\\"])
        XCTAssertEqual(ascii.ellipsis, "~")
        XCTAssertEqual(ascii.lines, .ascii)
        XCTAssertTrue(ascii.sanitizer.asciiOnly)
        let allASCII = [ascii.lines.horizontal, ascii.lines.vertical, ascii.lines.topLeft, ascii.lines.cross]
        XCTAssertTrue(allASCII.joined().unicodeScalars.allSatisfy(\.isASCII))

        let utf8 = Theme(colors: .extended)
        XCTAssertEqual(utf8.spinnerFrames.first, "⠋")
        XCTAssertEqual(utf8.ellipsis, "…")
        XCTAssertEqual(utf8.lines.horizontal, "─")
        for frame in utf8.spinnerFrames + ascii.spinnerFrames {
            XCTAssertEqual(TextWidth.of(frame), 1, "the spinner never shifts what follows it")
        }
    }
}

/// `[theme]` in config.toml: looks written as words, laid over the terminal's theme.
final class ThemeSettingsTests: XCTestCase {
    func testLooksAreReadFromWords() throws {
        XCTAssertEqual(try Theme.appearance(parsing: "bold white on blue"),
                       Theme.Appearance(foreground: 7, background: 4, attributes: .bold))
        XCTAssertEqual(try Theme.appearance(parsing: "245"), Theme.Appearance(foreground: 245))
        XCTAssertEqual(try Theme.appearance(parsing: "on 25 underline"), Theme.Appearance(background: 25, attributes: .underline))
        XCTAssertEqual(try Theme.appearance(parsing: "Default ON bright-cyan"), Theme.Appearance(background: 14))
    }

    func testMistakesSayWhatIsWrong() {
        for (spec, words) in [("black on cyna", "'cyna'"), ("red green", "two text colours"), ("red on", "ends with 'on'"),
                              ("300", "'300'")] {
            XCTAssertThrowsError(try Theme.appearance(parsing: spec), spec) { error in
                XCTAssertTrue("\(error)".contains(words), "\(error)")
            }
        }
    }

    func testRolesHaveConfigNames() {
        XCTAssertEqual(Theme.configName(of: .statusBar), "status_bar")
        XCTAssertEqual(Theme.role(named: "status_bar"), .statusBar)
        XCTAssertNil(Theme.role(named: "statusBar"))
    }

    func testOverridesApplyWhereTheTerminalCanShowThem() throws {
        let look = try Theme.appearance(parsing: "bold 231 on 25")
        let extended = Theme(colors: .extended).customised(with: [.header: look])
        XCTAssertEqual(extended.palette[.header], look)
        let basic = Theme(colors: .basic).customised(with: [.header: look])
        XCTAssertEqual(basic.palette[.header]?.foreground, Theme(colors: .basic).palette[.header]?.foreground,
                       "an 8-colour terminal keeps its own colour")
        XCTAssertEqual(basic.palette[.header]?.attributes, .bold)
        let plain = Theme(colors: .basic).customised(with: [.error: try Theme.appearance(parsing: "magenta")])
        XCTAssertEqual(plain.palette[.error]?.foreground, 5)
        let mono = Theme(colors: .monochrome).customised(with: [.dim: look])
        XCTAssertEqual(mono.appearance(of: .dim), Theme.Appearance(attributes: .bold), "monochrome takes only attributes")
    }
}
