import Dataverse
import Foundation
import Keys
import Segments
import SegmentsTesting
import TestSupport
import XCTest

@testable import ViewModels

/// Every row of every context's table, pressed: generated from the key map itself, so that a new
/// binding is tested by construction. A key must reach its row's action through the router and
/// change what the user sees, or (only where the setup makes it impossible) say why not.
final class KeyTableTests: XCTestCase {
    /// Keys pressed, after the context is open, to give an action something to act on.
    private static let preparation: [KeyContext: [AppAction: [Key]]] = [
        .editor: [.undo: [.character("x")], .redo: [.character("x"), .control("z")],
                  .save: [.character("x")]],
        .text: [.cursorRight: [.home], .wordRight: [.home], .lineEnd: [.home], .deleteForward: [.home],
                .moveDown: [.up], .undo: [.character("x")], .redo: [.character("x"), .control("z")]],
        .members: [.moveUp: [.down], .first: [.down], .undo: [.character("d")], .redo: [.character("d"), .character("u")],
                   .save: [.character("d")], .pageUp: [.pageDown]],
        .picker: [.moveUp: [.down, .down], .toggleMark: [.down]],
        .groups: [.moveUp: [.down], .undo: [.character("d")], .redo: [.character("d"), .character("u")],
                  .save: [.character("d")], .pageUp: [.pageDown], .confirm: [.character("c"), .text("Partners")]],
        .currentMembers: [.moveUp: [.down], .pageUp: [.pageDown]],
        .form: [.save: [.text("New one")], .undo: [.character("x")], .redo: [.character("x"), .control("z")]],
        .help: [.moveUp: [.down, .down], .pageUp: [.pageDown]],
        .detail: [.scrollDetailUp: [.character("J")]],
        .history: [.moveUp: [.down], .pageUp: [.pageDown]],
        .dialog: [.confirm: [.text("Segment 005")]],
    ]

    /// Rows that need another segment than the context's usual one: the editor stops only a
    /// live segment, which it opens read-only.
    private static let liveSegment: [KeyContext: Set<AppAction>] = [.editor: [.stopFromEditor]]

    /// Rows whose action this setup cannot carry out; they must say why instead.
    private static let refusals: [KeyContext: Set<AppAction>] = [
        .editor: [.keepMine, .takeTheirs],
    ]

    func testEveryBindingOfEveryContextReachesItsActionAndActs() {
        onMain {
            for context in KeyContext.allCases {
                for binding in KeyMap().bindings(in: context) {
                    for chord in binding.chords {
                        let h = Self.open(context, live: Self.liveSegment[context]?.contains(binding.action) == true)
                        let where_ = "\(context.rawValue).\(binding.action.configName) by \(chord)"
                        for key in Self.preparation[context]?[binding.action] ?? [] { h.app.handle(key) }
                        h.settle()
                        let before = Self.fingerprint(h)
                        h.app.lastRouted = nil
                        h.app.handle(chord)
                        XCTAssertEqual(h.app.lastRouted?.action, binding.action, "\(where_): the router reached another row")
                        if Self.refusals[context]?.contains(binding.action) == true {
                            let refusal = h.app.lastRouted?.refusal
                            XCTAssertNotNil(refusal, "\(where_): cannot act here, so it must say why")
                            XCTAssertEqual(h.app.toast, refusal, "\(where_): the reason is in the status bar")
                        } else {
                            XCTAssertNil(h.app.lastRouted?.refusal, "\(where_): refused")
                            XCTAssertNotEqual(Self.fingerprint(h), before, "\(where_): nothing changed")
                        }
                        h.settle()
                    }
                }
            }
        }
    }

    /// Each action rebound (in config.toml's terms) to a key no table uses: its old keys no
    /// longer reach it in that context, nor through the text field's table behind it.
    func testRebindingEveryActionLeavesItsOldKeysDead() throws {
        for context in KeyContext.allCases {
            for binding in KeyMap().bindings(in: context) {
                let tables = ["keys.\(context.rawValue)": [binding.action.configName: KeySettingValue.string("f12")]]
                let rebound = try KeyMap(bindings: KeyMap.bindings(configuredBy: tables, location: { $0 }))
                XCTAssertEqual(rebound.resolve(.function(12), in: context, withTextField: true), binding.action)
                for chord in binding.chords {
                    XCTAssertNotEqual(rebound.resolve(chord, in: context, withTextField: true), binding.action,
                                      "\(context.rawValue).\(binding.action.configName): \(chord) still reaches it")
                }
            }
        }
    }

    /// The example, through the whole app: undo rebound in the editor leaves Ctrl-Z dead.
    func testRebindingUndoInTheEditorLeavesCtrlZDead() throws {
        let tables = ["keys.editor": ["undo": KeySettingValue.string("ctrl-y")]]
        let keyMap = try KeyMap(bindings: KeyMap.bindings(configuredBy: tables, location: { $0 }))
        onMain {
            let service = InMemorySegmentService(segments: [segment("Mine")])
            let app = AppModel(service: service, keyMap: keyMap, scheduler: ManualScheduler())
            app.start()
            waitUntil { !app.isBusy }
            app.handle(.character("e"))
            waitUntil { !app.isBusy }
            guard case .editor(let editor)? = app.screen else { return XCTFail("the editor is open") }
            app.handle(batch: Array("abc").map { Key.character($0) })
            app.handle(.control("z"))
            XCTAssertEqual(editor.text(.name), "Mineabc", "Ctrl-Z no longer undoes in the editor")
            app.handle(.control("y"))
            XCTAssertEqual(editor.text(.name), "Mine")
        }
    }

    func testF1OpensTheHelpInThePicker() {
        onMain {
            let h = Self.open(.picker)
            h.press(.function(1))
            XCTAssertTrue(h.app.isHelpVisible)
            XCTAssertEqual(h.app.helpContext, .picker)
            XCTAssertEqual(h.app.picker?.query.text, "", "F1 typed nothing")
        }
    }

    /// Bug 11: one key, one meaning. Ctrl-L reloads wherever it is bound, and nowhere stops.
    func testCtrlLMeansReloadWhereverItIsBound() {
        for context in KeyContext.allCases {
            let action = KeyMap().resolve(.control("l"), in: context, withTextField: false)
            XCTAssertTrue(action == nil || action == .reload, "\(context.rawValue): Ctrl-L is \(String(describing: action))")
        }
        onMain {
            let h = Harness([segment("On air", status: .live)])
            h.press(.character("e"))
            h.settle()
            h.press(.control("l"))
            XCTAssertNil(h.app.dialog, "Ctrl-L does not stop a segment from the editor")
            h.press(.character("L"))
            XCTAssertEqual(h.app.dialog?.confirmLabel, "Stop", "L does, as in the list")
        }
    }

    func testTheStatusBarOffersFourToSixKeysOfEveryContext() {
        onMain {
            for context in KeyContext.allCases where context != .text {
                let h = Self.open(context)
                XCTAssertEqual(h.app.context, context)
                XCTAssertTrue((4...6).contains(h.app.hintRows.count) || context == .filter || context == .dialog
                              || context == .help, "\(context.rawValue): \(h.app.hintRows.count) hints")
                XCTAssertFalse(h.app.hintRows.isEmpty, "\(context.rawValue) offers keys")
            }
        }
    }

    func testTheReadmeKeysSectionIsTheTable() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let begin = "<!-- keys:begin (generated from KeyMap.defaults; KeyTableTests checks it) -->\n"
        let end = "<!-- keys:end -->"
        guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex) else {
            return XCTFail("README.md has no generated keys section")
        }
        let section = String(text[start.upperBound..<stop.lowerBound])
        if ProcessInfo.processInfo.environment["SEGTUI_RECORD_GOLDEN"] == "1", section != KeyMap().markdown() {
            // As with the golden screens: rewrite on request, then review the diff.
            try text.replacingCharacters(in: start.upperBound..<stop.lowerBound, with: KeyMap().markdown())
                .write(to: readme, atomically: true, encoding: .utf8)
            return
        }
        XCTAssertEqual(section, KeyMap().markdown(), "README's Keys section differs from the key map (SEGTUI_RECORD_GOLDEN=1 rewrites it)")
    }

    // MARK: setups

    /// A harness with `context` in focus, its text fields holding text and its lists rows.
    @MainActor
    static func open(_ context: KeyContext, live: Bool = false) -> Harness {
        if context == .groups || context == .currentMembers { return openJourneysMembers(context) }
        let contacts = demoContacts(70)
        var segments = demoSegments(30)
        segments.append(segment("Members here", type: .static, index: 95))
        segments.append(segment("Two lines", query: "PROFILE(contact)\nFILTER(x)", description: "About", index: 96))
        segments.append(segment("On air", status: .live, index: 97))
        let h = Harness(segments, contacts: contacts)
        h.listenToCopies()
        switch context {
        case .list:
            h.app.list.apply({ var q = h.app.list.query; q.nameContains = "e"; return q }())
            h.settle()
            h.select("Members here")
        case .detail:
            h.select("Segment 005")
            h.press(.enter)
        case .editor, .text:
            h.select(live ? "On air" : "Two lines")
            h.press(.character("e"))
            h.settle()
            h.press(.tab, .tab)
        case .members, .picker:
            h.select("Members here")
            let id = h.app.list.selected!.id
            try! h.service.updateMembers(of: id, add: contacts.prefix(60).map(\.id), remove: [])
            h.press(.character("m"))
            h.settle()
            if context == .picker {
                h.press(.character("a"))
                h.settle()
            }
        case .form:
            h.press(.character("n"))
        case .dialog:
            h.select("Segment 005")
            h.press(.character("D"))
        case .filter:
            h.press(.character("/"))
            h.type("segment 0")
        case .help:
            h.press(.character("?"))
        case .history:
            // Enough audit records to scroll a page.
            let id = h.stored("Segment 005")!.id
            for n in 1...8 { try! h.service.update(id: id, changes: SegmentChanges(description: "take \(n)"), ifMatch: nil) }
            h.select("Segment 005")
            h.press(.enter)
            h.settle()
            h.press(.character("H"))
        case .groups, .currentMembers:
            break
        }
        h.settle()
        return h
    }

    /// A journeys static segment with two Include groups and an Exclude group, more than a page in
    /// the first, open on its groups (or, with `v`, on who is in it now).
    @MainActor
    static func openJourneysMembers(_ context: KeyContext) -> Harness {
        let contacts = demoContacts(70)
        var s = segment("Grouped", type: .static, index: 98)
        s.api = .journeys
        s.groups = [MemberGroup(id: "9a000000-0000-4000-8000-000000000001", name: "VIPs", role: .include),
                    MemberGroup(id: "9a000000-0000-4000-8000-000000000003", name: "Partners", role: .include),
                    MemberGroup(id: "9a000000-0000-4000-8000-000000000002", name: "Opted out", role: .exclude)]
        let h = Harness([s], contacts: contacts, api: .journeys)
        h.listenToCopies()
        _ = try! h.service.changeMembers(of: s.id, groupId: s.groups[0].id, add: contacts.prefix(60).map(\.id), remove: [])
        h.press(.character("m"))
        h.settle()
        if context == .currentMembers {
            h.press(.character("v"))
            h.settle()
        }
        return h
    }

    /// What the user can see or what is under way, as text: two differ when a key did something.
    @MainActor
    static func fingerprint(_ h: Harness) -> String {
        let app = h.app
        var parts: [String] = [
            "\(app.context)", "\(app.list.selectedIndex)", "\(app.list.query)", "\(app.isDetailOpen)",
            "\(app.detail.scrollOffset)", "\(app.isHelpVisible)", "\(app.helpOffset)", String(describing: app.dialog),
            String(describing: app.filterPrompt), String(describing: app.toast), String(describing: app.actionError),
            "\(app.wantsQuit)", "\(app.wantsSuspend)", "\(app.isBusy)", "\(app.typeahead?.count ?? -1)", "\(h.copied.items.count)",
        ]
        if let picker = app.picker {
            parts += ["\(picker.query)", "\(picker.focus)", "\(picker.selectedIndex)", "\(picker.marked.count)"]
        }
        switch app.screen {
        case .editor(let editor): parts += ["\(editor.buffers)", "\(editor.focus)", "\(editor.conflicts)", String(describing: editor.notice)]
        case .members(let members):
            parts += ["\(members.selectedIndex)", "\(members.skip)", "\(members.staged)", "\(members.isSaving)", "\(String(describing: members.rangeAnchor))",
                      String(describing: members.search)]
        case .form(let form): parts += ["\(form.focus)", "\(form.type)", "\(form.name)", "\(form.description)", "\(form.query)"]
        case .groups(let groups):
            parts += ["groups", "\(groups.groups)", "\(groups.focusedRole)", "\(groups.shownIndex)", "\(groups.staged)",
                      String(describing: groups.prompt), "\(groups.isSaving)"]
        case .currentMembers(let current):
            parts += ["current", "\(current.page)", "\(current.selectedIndex)", "\(current.isLoading)"]
        case .history(let history): parts += ["history", "\(history.scrollOffset)", "\(history.state)"]
        case nil: parts.append("no screen")
        }
        return parts.joined(separator: "|")
    }
}
