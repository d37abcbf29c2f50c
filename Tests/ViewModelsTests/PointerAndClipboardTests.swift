import Dataverse
import Foundation
import Keys
import Segments
import TestSupport
import XCTest

@testable import ViewModels

/// Clicks, the wheel and `y`/`Y`: the intents behind them, without a terminal.
final class PointerAndClipboardTests: XCTestCase {
    func testAClickSelectsAndASecondClickOpensTheDetail() {
        onMain {
            let h = Harness(demoSegments(30))
            h.app.click(listRow: 4)
            XCTAssertEqual(h.app.list.selectedIndex, 4)
            XCTAssertFalse(h.app.isDetailOpen)
            h.app.click(listRow: 4)
            XCTAssertTrue(h.app.isDetailOpen)
            XCTAssertEqual(h.app.detail.segment?.id, h.app.list.rows[4].id)
            h.settle()
        }
    }

    func testTheWheelMovesTheSelectionAndScrollsTheDetail() {
        onMain {
            let h = Harness(demoSegments(30))
            h.app.wheel(overList: true)
            XCTAssertEqual(h.app.list.selectedIndex, AppModel.wheelStep)
            h.app.wheel(overList: false)
            h.app.wheel(overList: false)
            XCTAssertEqual(h.app.list.selectedIndex, 0)
            h.app.wheel(overDetail: true)
            XCTAssertEqual(h.app.detail.scrollOffset, 0, "no detail open, nothing scrolls")
        }
    }

    func testPointerDoesNothingUnderAnEditorOrDialogAndAClickClosesTheHelp() {
        onMain {
            let h = Harness(demoSegments(10))
            h.press(.character("?"))
            XCTAssertTrue(h.app.isHelpVisible)
            h.app.click(listRow: 3)
            XCTAssertFalse(h.app.isHelpVisible)
            XCTAssertEqual(h.app.list.selectedIndex, 0, "the click that closes the help does nothing else")
            h.press(.character("/"))
            h.app.click(listRow: 3)
            XCTAssertEqual(h.app.list.selectedIndex, 0, "the filter prompt is open")
            h.press(.escape)
            h.press(.character("e"))
            h.settle()
            h.app.wheel(overList: true)
            XCTAssertEqual(h.app.list.selectedIndex, 0, "the editor covers the list")
        }
    }

    func testTheWheelMovesTheMembersAndThePickerButClicksDoNothingThere() {
        onMain {
            let contacts = demoContacts(30)
            let h = Harness([segment("Static", type: .static)], contacts: contacts)
            try! h.service.updateMembers(of: h.app.list.selected!.id, add: Array(contacts.prefix(20).map(\.id)), remove: [])
            h.press(.character("m"))
            h.settle()
            guard case .members(let members)? = h.app.screen else { return XCTFail("members open") }
            h.app.wheel(overScreen: true)
            XCTAssertEqual(members.selectedIndex, AppModel.wheelStep)
            h.app.click(listRow: 0)
            XCTAssertEqual(members.selectedIndex, AppModel.wheelStep, "a click meant for the list is ignored here")
            h.press(.character("a"))
            h.settle()
            guard let picker = h.app.picker else { return XCTFail("the picker opens") }
            XCTAssertFalse(picker.results.isEmpty)
            h.app.wheel(overScreen: true)
            // The first step leaves the search field for the results, as ↓ does.
            XCTAssertEqual(picker.focus, .results)
            XCTAssertEqual(picker.selectedIndex, AppModel.wheelStep - 1)
            XCTAssertEqual(members.selectedIndex, AppModel.wheelStep, "only the picker on top moves")
        }
    }

    func testYCopiesTheIdAndShiftYTheJSON() {
        onMain {
            let h = Harness(demoSegments(5))
            var copied: [String] = []
            h.app.onCopy = { copied.append($0) }
            h.press(.down)
            let segment = h.app.list.rows[1]
            h.press(.character("y"))
            XCTAssertEqual(copied, [segment.id])
            XCTAssertEqual(h.app.toast, "Copied the id of '\(segment.name)'")
            h.press(.character("Y"))
            let json = try? JSONValue.parse(Data(copied.last!.utf8))
            XCTAssertEqual(json?["id"]?.stringValue, segment.id)
            XCTAssertEqual(json?["name"]?.stringValue, segment.name)
            XCTAssertEqual(json?["status"]?.stringValue, segment.status.label)
        }
    }

    func testCopyingWithoutATerminalSaysSo() {
        onMain {
            let h = Harness(demoSegments(2))
            h.press(.character("y"))
            XCTAssertEqual(h.app.actionError, "Copying needs a terminal that understands OSC 52.")
        }
    }
}

/// `[keys.CONTEXT]` in config.toml.
final class KeySettingsTests: XCTestCase {
    private func bindings(_ tables: [String: [String: KeySettingValue]]) throws -> [KeyBinding] {
        try KeyMap.bindings(configuredBy: tables, location: { "config.toml:" + $0 })
    }

    func testKeysAreReadAsPeopleWriteThem() {
        XCTAssertEqual(Key(configName: "G"), .character("G"))
        XCTAssertEqual(Key(configName: "ctrl-D"), .control("d"))
        XCTAssertEqual(Key(configName: "C-x"), .control("x"))
        XCTAssertEqual(Key(configName: "PgDn"), .pageDown)
        XCTAssertEqual(Key(configName: "f5"), .function(5))
        XCTAssertEqual(Key(configName: "space"), .character(" "))
        XCTAssertEqual(Key(configName: "shift-tab"), .backTab)
        XCTAssertNil(Key(configName: "ctrl-1"))
        XCTAssertNil(Key(configName: "f13"))
        XCTAssertNil(Key(configName: "hyper"))
        XCTAssertEqual(AppAction.toggleLive.configName, "toggle_live")
        XCTAssertEqual(AppAction.copyJSON.configName, "copy_json")
    }

    func testARebindingReplacesTheDefaultsAndTheHelpShowsIt() throws {
        let configured = try bindings(["keys.list": ["toggle_live": .array([.string("x"), .string("L")]), "quit": .string("ctrl-q")]])
        let map = KeyMap(bindings: configured)
        XCTAssertEqual(map.action(for: .character("x")), .toggleLive)
        XCTAssertEqual(map.action(for: .control("q")), .quit)
        XCTAssertNil(map.action(for: .character("q")), "q no longer quits")
        XCTAssertEqual(map.bindings.first { $0.action == .toggleLive }?.keysLabel, "x/L")
        XCTAssertEqual(map.action(for: .character("q"), in: .members), .quit, "other contexts keep their keys")
        XCTAssertFalse(KeyMap(bindings: configured, readOnly: true).allows(.toggleLive, in: .list),
                       "read-only still removes a rebound write")
    }

    func testMistakesNameTheLineAndWhatIsWrong() {
        let cases: [([String: [String: KeySettingValue]], String)] = [
            (["keys.list": ["golive": .string("x")]], "config.toml:keys.list.golive: 'golive' is not an action in [keys.list]"),
            (["keys.list": ["edit": .string("j")]], "'j' would mean both move_down and edit"),
            (["keys.list": ["edit": .string("hyper-e")]], "'hyper-e' is not a key"),
            (["keys.list": ["quit": .array([])]], "must keep at least one key"),
            (["keys.lists": ["quit": .string("q")]], "[keys.lists] is not a key context"),
            (["keys.list": ["edit": .other]], "give a key as a string"),
        ]
        for (tables, words) in cases {
            XCTAssertThrowsError(try bindings(tables)) { error in
                XCTAssertTrue("\(error)".contains(words), "\(error)")
            }
        }
    }
}
