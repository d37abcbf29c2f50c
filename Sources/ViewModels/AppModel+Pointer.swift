import Foundation
import Segments

/// What a mouse (with `--mouse`) and the clipboard keys ask of the list. The panes know where
/// things are on the screen and turn a click into a row; what the row means is decided here.
extension AppModel {
    /// How far one turn of the wheel moves.
    public static let wheelStep = 3

    /// A click on the list's row `index`: selects it, and a click on the row already selected
    /// opens its detail, as Enter would.
    public func click(listRow index: Int) {
        guard acceptsPointer else { return }
        if index == list.selectedIndex {
            perform(.openDetail)
        } else {
            list.moveSelection(by: index - list.selectedIndex)
        }
    }

    /// The wheel over the list moves the selection (so paging and the detail follow it).
    public func wheel(overList down: Bool) {
        guard acceptsPointer else { return }
        list.moveSelection(by: down ? Self.wheelStep : -Self.wheelStep)
    }

    /// The wheel over the detail scrolls it.
    public func wheel(overDetail down: Bool) {
        guard acceptsPointer, isDetailOpen else { return }
        detail.scroll(by: down ? Self.wheelStep : -Self.wheelStep)
    }

    /// The wheel over the members' screen or the contact picker moves their selection, as the
    /// arrows do; the editor and the form have nothing to scroll by the wheel.
    public func wheel(overScreen down: Bool) {
        if isHelpVisible {
            isHelpVisible = false
            changed()
            return
        }
        guard dialog == nil, typeahead == nil else { return }
        if let picker {
            for _ in 0..<Self.wheelStep { picker.handle(down ? .down : .up, action: down ? .moveDown : .moveUp) }
        } else if case .members(let members)? = screen {
            members.moveSelection(by: down ? Self.wheelStep : -Self.wheelStep)
        } else if case .groups(let groups)? = screen {
            groups.moveSelection(by: down ? Self.wheelStep : -Self.wheelStep)
        } else if case .currentMembers(let current)? = screen {
            current.moveSelection(by: down ? Self.wheelStep : -Self.wheelStep)
        }
    }

    /// Any press closes the help, as any key does; nothing else reacts while something covers
    /// the list (a dialog, the filter prompt, an editor).
    private var acceptsPointer: Bool {
        if isHelpVisible {
            isHelpVisible = false
            changed()
            return false
        }
        return (context == .list || context == .detail) && typeahead == nil && !list.isAwaitingQuery
    }

    /// `y` and `Y`: the selected segment's id, or its JSON in the shape `segtui show --json`
    /// prints (the detail's full record when it is open on the same segment).
    func copySelected(asJSON: Bool) {
        guard let selected = list.selected else { return }
        let segment = detail.segment?.id == selected.id ? detail.segment ?? selected : selected
        guard let onCopy else {
            show(error: "Copying needs a terminal that understands OSC 52.")
            return
        }
        if asJSON {
            onCopy(String(decoding: SegmentExport.json(segment).jsonData(), as: UTF8.self))
            show(toast: "Copied the JSON of '\(segment.name)'")
        } else {
            onCopy(segment.id)
            show(toast: "Copied the id of '\(segment.name)'")
        }
    }
}
