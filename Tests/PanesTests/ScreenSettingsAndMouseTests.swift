import Dataverse
import Foundation
import Keys
import Segments
import SegtuiConfiguration
import SegmentsTesting
import TerminalKit
import TestSupport
import XCTest

@testable import Panes
@testable import ViewModels

/// Where a click lands, what config.toml does to the screen, and the help in ASCII mode.
final class ScreenSettingsAndMouseTests: XCTestCase {
    @MainActor
    static func loadedApp(_ keyMap: KeyMap = KeyMap()) -> AppModel {
        GoldenApp.start(contacts: [], keyMap: keyMap, scheduler: MainQueueScheduler()).0
    }

    func testAClickOnAListRowSelectsThatRowAndTheHeaderIsNoRow() {
        onMain {
            let app = Self.loadedApp()
            let size = Size(rows: 24, columns: 80)
            let canvas = GridCanvas(size: size)
            RootView.fit(app, to: canvas.size)
            RootView(model: app, theme: Theme(colors: .monochrome)).render(on: canvas)
            let routing = MouseRouting(model: app)
            // Screen row 0 is the header bar, row 1 the column header, row 2 the first segment.
            routing.handle(MouseEvent(.press, row: 1, column: 10), screen: size)
            XCTAssertEqual(app.list.selectedIndex, 0)
            routing.handle(MouseEvent(.press, row: 5, column: 10), screen: size)
            XCTAssertEqual(app.list.selected?.name, ScreenFixtures.demo[3].name)
            routing.handle(MouseEvent(.press, row: 20, column: 10), screen: size)
            XCTAssertEqual(app.list.selectedIndex, 3, "below the last row nothing is there to click")
            routing.handle(MouseEvent(.press, row: 5, column: 10), screen: size)
            XCTAssertTrue(app.isDetailOpen, "a second click on the selected row opens it")
            waitUntil { !app.isBusy }
            // 80 columns: the detail sits below the list.
            let layout = ScreenLayout(size: size, detailOpen: true)
            let detail = try! XCTUnwrap(layout.detail)
            routing.handle(MouseEvent(.wheelDown, row: detail.row + 2, column: 5), screen: size)
            XCTAssertEqual(app.detail.scrollOffset, AppModel.wheelStep, "the wheel scrolls the detail")
            XCTAssertEqual(app.list.selectedIndex, 3, "and not the list")
            routing.handle(MouseEvent(.wheelDown, row: layout.list.row + 2, column: 5), screen: size)
            XCTAssertEqual(app.list.selectedIndex, 5, "the wheel over the list moves the selection, clamped at the end")
        }
    }

    func testSettingsFromTheFileReachTheThemeAndTheHelp() throws {
        let file = ConfigFile(
            path: "/home/ana/.config/segtui/config.toml", profiles: [:], defaultProfile: nil,
            interfaceTables: ["ui": ["mouse": .bool(true), "no_color": .bool(true)], "theme": ["selection": .string("black on cyan")],
                              "keys.list": ["toggle_live": .array([.string("x")])]],
            lines: ["ui.mouse": 2, "theme.selection": 5, "keys.list.toggle_live": 8])
        let settings = try ScreenSettings(file: file)
        XCTAssertEqual(settings.mouse, true)
        XCTAssertEqual(settings.noColor, true)
        XCTAssertNil(settings.ascii, "not set, so the locale decides")
        XCTAssertEqual(settings.themeOverrides[.selection], Theme.Appearance(foreground: 0, background: 6))
        onMain {
            let app = Self.loadedApp(KeyMap(bindings: settings.bindings))
            app.handle(.character("?"))
            let canvas = GridCanvas(rows: 30, columns: 100)
            RootView.fit(app, to: canvas.size)
            RootView(model: app, theme: Theme(colors: .monochrome)).render(on: canvas)
            let help = canvas.lines(trimmingTrailingSpaces: true).joined(separator: "\n")
            XCTAssertTrue(help.contains("x            Go live / stop"), help)
        }
    }

    func testSettingsMistakesPointAtTheFileAndLine() {
        let path = "/home/ana/.config/segtui/config.toml"
        let cases: [([String: [String: TOMLDocument.Value]], [String: Int], String)] = [
            (["ui": ["mouse": .string("yes")]], ["ui.mouse": 2], "\(path):2: mouse is true or false"),
            (["ui": ["colour": .bool(true)]], ["ui.colour": 3], "\(path):3: unknown key 'colour' in [ui]"),
            (["ui": ["ascii": .integer(1)]], ["ui.ascii": 3], "\(path):3: ascii is true or false"),
            (["theme": ["selected": .string("red")]], ["theme.selected": 4], "\(path):4: 'selected' is not a part of the screen"),
            (["theme": ["selection": .string("red on")]], ["theme.selection": 4], "\(path):4: \"red on\" ends with 'on'"),
            (["keys.list": ["edit": .string("j")]], ["keys.list.edit": 9], "\(path):9: 'j' would mean both"),
        ]
        for (tables, lines, words) in cases {
            let file = ConfigFile(path: path, profiles: [:], defaultProfile: nil, interfaceTables: tables, lines: lines)
            XCTAssertThrowsError(try ScreenSettings(file: file)) { error in
                XCTAssertTrue("\(error)".hasPrefix(words), "\(error)")
            }
        }
    }

    func testASCIIHelpNamesTheArrowsInWords() {
        onMain {
            let app = Self.loadedApp()
            app.handle(.character("?"))
            let canvas = GridCanvas(rows: 30, columns: 100, asciiOnly: true)
            RootView.fit(app, to: canvas.size)
            RootView(model: app, theme: Theme(colors: .monochrome, ascii: true)).render(on: canvas)
            let screen = canvas.lines(trimmingTrailingSpaces: true).joined(separator: "\n")
            XCTAssertTrue(screen.contains("j/Down"), screen)
            XCTAssertTrue(screen.allSatisfy(\.isASCII), screen)
        }
    }
}

extension ScreenSettingsAndMouseTests {
    func testAnActionLeftWithoutKeysDropsOutOfTheStatusBar() throws {
        let file = ConfigFile(path: "config.toml", profiles: [:], defaultProfile: nil,
                              interfaceTables: ["keys.list": ["reload": .array([]), "open_detail": .string("o")]], lines: [:])
        let settings = try ScreenSettings(file: file)
        onMain {
            let app = Self.loadedApp(KeyMap(bindings: settings.bindings))
            let canvas = GridCanvas(rows: 24, columns: 80)
            RootView.fit(app, to: canvas.size)
            RootView(model: app, theme: Theme(colors: .monochrome)).render(on: canvas)
            let status = canvas.lines(trimmingTrailingSpaces: true)[23]
            XCTAssertTrue(status.contains("o detail"), status)
            XCTAssertFalse(status.contains("reload"), status)
        }
    }
}
