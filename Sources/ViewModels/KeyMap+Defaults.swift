/// The default tables, one per context. The README's Keys section is checked against them.
extension KeyMap {
    public static let defaults: [KeyBinding] = list + detail + history + editor + members + groups + currentMembers + picker + form + dialog + filter + text + help

    static let list: [KeyBinding] = [
        KeyBinding([.character("j"), .down], .moveDown, help: "Move down"),
        KeyBinding([.character("k"), .up], .moveUp, help: "Move up"),
        KeyBinding([.pageDown, .control("f")], .pageDown, help: "Page down"),
        KeyBinding([.pageUp, .control("b")], .pageUp, help: "Page up"),
        KeyBinding([.character("g"), .home], .first, help: "First segment"),
        KeyBinding([.character("G"), .end], .last, help: "Last segment"),
        KeyBinding([.enter, .character("l")], .openDetail, hint: "detail", help: "Open the detail"),
        KeyBinding([.escape], .dismiss, help: "Dismiss; clear filter"),
        KeyBinding([.character("/")], .filter, help: "Filter as you type"),
        KeyBinding([.character("f")], .filterByStatus, help: "Filter by next status"),
        KeyBinding([.character("F")], .filterByType, help: "Filter by next type"),
        KeyBinding([.character("s")], .cycleSort, help: "Sort by next column"),
        KeyBinding([.character("S")], .reverseSort, help: "Reverse the sort"),
        KeyBinding([.character("L")], .toggleLive, help: "Go live / stop", isDangerous: true),
        KeyBinding([.character("e")], .edit, help: "Edit the segment", isDangerous: true),
        KeyBinding([.character("m")], .openMembers, help: "Members (static)"),
        KeyBinding([.character("y")], .copyId, help: "Copy the id (OSC 52)"),
        KeyBinding([.character("Y")], .copyJSON, help: "Copy the JSON (OSC 52)"),
        KeyBinding([.character("n")], .newSegment, help: "New segment", isDangerous: true),
        KeyBinding([.character("D")], .delete, help: "Delete the segment", isDangerous: true),
        KeyBinding([.character("r"), .control("l")], .reload, hint: "reload", help: "Reload from the service"),
        KeyBinding([.character("?"), .function(1)], .toggleHelp, hint: "help", help: "Show or hide this help"),
        KeyBinding([.control("z")], .suspend, help: "Suspend to the shell"),
        KeyBinding([.character("q"), .control("c")], .quit, hint: "quit", help: "Quit"),
    ]

    /// Over the list: its keys work too (the detail follows the selection).
    static let detail: [KeyBinding] = [
        KeyBinding([.character("J"), .control("d")], .scrollDetailDown, hint: "scroll", help: "Scroll detail down", context: .detail),
        KeyBinding([.character("K"), .control("u")], .scrollDetailUp, help: "Scroll detail up", context: .detail),
        KeyBinding([.escape, .character("h")], .closeDetail, hint: "close", help: "Dismiss; close detail", context: .detail),
        KeyBinding([.character("H")], .showHistory, hint: "history", help: "Who changed it, what and when", context: .detail),
    ]

    /// A segment's audit records, over the list: read-only, scrolled.
    static let history: [KeyBinding] = [
        KeyBinding([.character("j"), .down], .moveDown, hint: "scroll", help: "Scroll down", context: .history),
        KeyBinding([.character("k"), .up], .moveUp, help: "Scroll up", context: .history),
        KeyBinding([.pageDown, .control("f")], .pageDown, help: "Page down", context: .history),
        KeyBinding([.pageUp, .control("b")], .pageUp, help: "Page up", context: .history),
        KeyBinding([.character("r"), .control("l")], .reload, hint: "read again", help: "Read the history again", context: .history),
        KeyBinding([.character("?"), .function(1)], .toggleHelp, hint: "help", help: "Show or hide this help", context: .history),
        KeyBinding([.control("z")], .suspend, help: "Suspend to the shell", context: .history),
        KeyBinding([.escape, .character("h")], .close, hint: "back", help: "Back to the detail", context: .history),
        KeyBinding([.character("q"), .control("c")], .quit, help: "Quit", context: .history),
    ]

    static let editor: [KeyBinding] = [
        KeyBinding([.control("s")], .save, hint: "save", help: "Save to the service", isDangerous: true, context: .editor),
        KeyBinding([.tab], .nextField, hint: "next field", help: "Next field", context: .editor),
        KeyBinding([.backTab], .previousField, help: "Previous field", context: .editor),
        KeyBinding([.control("z")], .undo, hint: "undo", help: "Undo in the field", context: .editor),
        KeyBinding([.control("r")], .redo, help: "Redo in the field", context: .editor),
        KeyBinding([.control("o")], .keepMine, help: "Conflict: keep my version", context: .editor),
        KeyBinding([.control("t")], .takeTheirs, help: "Conflict: take the service's", context: .editor),
        // The list's go-live/stop key: a live segment opens read-only, so L is not text there.
        KeyBinding([.character("L")], .stopFromEditor, help: "Stop this live segment", isDangerous: true, context: .editor),
        KeyBinding([.function(1)], .toggleHelp, hint: "help", help: "Show or hide this help", context: .editor),
        KeyBinding([.escape], .close, hint: "close", help: "Close (asks if unsaved)", context: .editor),
        KeyBinding([.control("c")], .quit, help: "Quit (asks if unsaved)", context: .editor),
    ]

    static let members: [KeyBinding] = [
        KeyBinding([.character("j"), .down], .moveDown, help: "Move down", context: .members),
        KeyBinding([.character("k"), .up], .moveUp, help: "Move up", context: .members),
        KeyBinding([.pageDown, .control("f")], .pageDown, help: "Next page", context: .members),
        KeyBinding([.pageUp, .control("b")], .pageUp, help: "Previous page", context: .members),
        KeyBinding([.character("g"), .home], .first, help: "First member", context: .members),
        KeyBinding([.character("G"), .end], .last, help: "Last member", context: .members),
        KeyBinding([.character("a")], .addMembers, hint: "add", help: "Add contacts", isDangerous: true, context: .members),
        KeyBinding([.character("d")], .markRemoval, hint: "remove", help: "Mark for removal (the range after V)", isDangerous: true,
                   context: .members),
        KeyBinding([.character("V")], .markRange, help: "Start or drop a range for d", isDangerous: true, context: .members),
        KeyBinding([.character("/")], .filter, help: "Search this page by name or email", context: .members),
        KeyBinding([.character("u")], .undo, hint: "undo", help: "Undo a staged change", context: .members),
        KeyBinding([.control("r")], .redo, help: "Redo a staged change", context: .members),
        KeyBinding([.control("s")], .save, hint: "save", help: "Save the changes", isDangerous: true, context: .members),
        KeyBinding([.character("?"), .function(1)], .toggleHelp, hint: "help", help: "Show or hide this help", context: .members),
        KeyBinding([.control("z")], .suspend, help: "Suspend to the shell", context: .members),
        KeyBinding([.escape], .close, hint: "close", help: "Clear the search; close (asks if unsaved)", context: .members),
        KeyBinding([.character("q"), .control("c")], .quit, help: "Quit (asks if unsaved)", context: .members),
    ]

    /// Journeys' static groups, Include and Exclude side by side.
    static let groups: [KeyBinding] = [
        KeyBinding([.character("j"), .down], .moveDown, help: "Move down", context: .groups),
        KeyBinding([.character("k"), .up], .moveUp, help: "Move up", context: .groups),
        KeyBinding([.pageDown, .control("f")], .pageDown, help: "Next page of the group", context: .groups),
        KeyBinding([.pageUp, .control("b")], .pageUp, help: "Previous page of the group", context: .groups),
        KeyBinding([.tab, .backTab], .nextField, hint: "side", help: "Include / Exclude side", context: .groups),
        KeyBinding([.character("]")], .nextGroup, help: "Next group on this side", context: .groups),
        KeyBinding([.character("[")], .previousGroup, help: "Previous group on this side", context: .groups),
        KeyBinding([.character("a")], .addMembers, hint: "add", help: "Add contacts to the group", isDangerous: true, context: .groups),
        KeyBinding([.character("d")], .markRemoval, hint: "remove", help: "Mark for removal", isDangerous: true, context: .groups),
        KeyBinding([.character("u")], .undo, hint: "undo", help: "Undo a staged change", context: .groups),
        KeyBinding([.control("r")], .redo, help: "Redo a staged change", context: .groups),
        KeyBinding([.control("s")], .save, hint: "save", help: "Save the changes", isDangerous: true, context: .groups),
        KeyBinding([.character("c")], .newGroup, help: "New group on this side (at most 10)", isDangerous: true, context: .groups),
        KeyBinding([.character("R")], .renameGroup, help: "Rename the group", isDangerous: true, context: .groups),
        KeyBinding([.character("X")], .deleteGroup, help: "Delete the group", isDangerous: true, context: .groups),
        KeyBinding([.character("v")], .toggleMembersView, help: "Who is in the segment now", context: .groups),
        KeyBinding([.character("/")], .filter, help: "Search the group in focus (this page)", context: .groups),
        KeyBinding([.enter], .confirm, help: "Group name: accept", context: .groups),
        KeyBinding([.character("?"), .function(1)], .toggleHelp, hint: "help", help: "Show or hide this help", context: .groups),
        KeyBinding([.control("z")], .suspend, help: "Suspend to the shell", context: .groups),
        KeyBinding([.escape], .close, hint: "close", help: "Clear the search; close (asks if unsaved)", context: .groups),
        KeyBinding([.character("q"), .control("c")], .quit, help: "Quit (asks if unsaved)", context: .groups),
    ]

    /// Who is in a segment now: read-only, paged.
    static let currentMembers: [KeyBinding] = [
        KeyBinding([.character("j"), .down], .moveDown, help: "Move down", context: .currentMembers),
        KeyBinding([.character("k"), .up], .moveUp, help: "Move up", context: .currentMembers),
        KeyBinding([.pageDown, .control("f")], .pageDown, hint: "next page", help: "Next page", context: .currentMembers),
        KeyBinding([.pageUp, .control("b")], .pageUp, help: "Previous page", context: .currentMembers),
        KeyBinding([.character("v")], .toggleMembersView, hint: "groups", help: "Back to the static groups", context: .currentMembers),
        KeyBinding([.character("?"), .function(1)], .toggleHelp, hint: "help", help: "Show or hide this help", context: .currentMembers),
        KeyBinding([.control("z")], .suspend, help: "Suspend to the shell", context: .currentMembers),
        KeyBinding([.escape], .close, hint: "close", help: "Close", context: .currentMembers),
        KeyBinding([.character("q"), .control("c")], .quit, help: "Quit", context: .currentMembers),
    ]

    static let picker: [KeyBinding] = [
        KeyBinding([.down], .moveDown, help: "Next contact", context: .picker),
        KeyBinding([.up], .moveUp, help: "Previous contact", context: .picker),
        KeyBinding([.character(" ")], .toggleMark, hint: "mark", help: "Mark or unmark (in the results)", context: .picker),
        KeyBinding([.enter], .confirm, hint: "add", help: "Add the marked contacts", context: .picker),
        KeyBinding([.tab], .nextField, hint: "results", help: "Search field / results", context: .picker),
        KeyBinding([.function(1)], .toggleHelp, hint: "help", help: "Show or hide this help", context: .picker),
        KeyBinding([.escape, .control("c")], .close, hint: "cancel", help: "Cancel", context: .picker),
    ]

    static let form: [KeyBinding] = [
        KeyBinding([.control("s")], .save, hint: "create", help: "Create the segment", isDangerous: true, context: .form),
        KeyBinding([.tab], .nextField, hint: "next field", help: "Next field", context: .form),
        KeyBinding([.backTab], .previousField, help: "Previous field", context: .form),
        KeyBinding([.enter], .confirm, hint: "choose", help: "Type: next type; members: pick", context: .form),
        KeyBinding([.control("z")], .undo, help: "Undo in the field", context: .form),
        KeyBinding([.control("r")], .redo, help: "Redo in the field", context: .form),
        KeyBinding([.function(1)], .toggleHelp, hint: "help", help: "Show or hide this help", context: .form),
        KeyBinding([.escape], .close, hint: "cancel", help: "Cancel (asks if typed)", context: .form),
        KeyBinding([.control("c")], .quit, help: "Quit (asks if typed)", context: .form),
    ]

    static let dialog: [KeyBinding] = [
        KeyBinding([.tab, .left, .right], .nextField, hint: "move", help: "Move between the field and the buttons", context: .dialog),
        KeyBinding([.enter], .confirm, hint: "press", help: "Press the focused button", context: .dialog),
        KeyBinding([.escape, .control("c")], .close, hint: "cancel", help: "Cancel", context: .dialog),
    ]

    /// The `/` prompt: the list follows the text as it is typed.
    static let filter: [KeyBinding] = [
        KeyBinding([.enter], .confirm, hint: "keep", help: "Keep the filter", context: .filter),
        KeyBinding([.escape, .control("c")], .close, hint: "clear", help: "Clear the filter", context: .filter),
    ]

    /// Every text field (editor, form, picker search, filter prompt, a name to type): what a
    /// key does unless the table of the screen holding the field binds the same action.
    /// Printable characters are the one fallback outside the tables: they are the text.
    static let text: [KeyBinding] = [
        KeyBinding([.left, .control("b")], .cursorLeft, help: "Cursor left", context: .text),
        KeyBinding([.right, .control("f")], .cursorRight, help: "Cursor right", context: .text),
        KeyBinding([.wordLeft], .wordLeft, help: "Word left (also Alt-b)", context: .text),
        KeyBinding([.wordRight], .wordRight, help: "Word right (also Alt-f)", context: .text),
        KeyBinding([.home, .control("a")], .lineStart, help: "Start of the line", context: .text),
        KeyBinding([.end, .control("e")], .lineEnd, help: "End of the line", context: .text),
        KeyBinding([.up], .moveUp, help: "Line up, or the previous field", context: .text),
        KeyBinding([.down], .moveDown, help: "Line down, or the next field", context: .text),
        KeyBinding([.backspace, .control("h")], .deleteBackward, help: "Delete before the cursor", context: .text),
        KeyBinding([.delete, .control("d")], .deleteForward, help: "Delete under the cursor", context: .text),
        KeyBinding([.control("w")], .deleteWord, help: "Delete the word before", context: .text),
        KeyBinding([.control("u")], .deleteToLineStart, help: "Delete to the start of the line", context: .text),
        KeyBinding([.enter], .newLine, help: "New line (the query)", context: .text),
        KeyBinding([.control("z")], .undo, help: "Undo", context: .text),
        KeyBinding([.control("r")], .redo, help: "Redo", context: .text),
    ]

    /// Over any context: a key the help does not bind closes it and acts on what is below.
    static let help: [KeyBinding] = [
        KeyBinding([.down], .moveDown, hint: "scroll", help: "Scroll down", context: .help),
        KeyBinding([.up], .moveUp, help: "Scroll up", context: .help),
        KeyBinding([.pageDown], .pageDown, help: "Page down", context: .help),
        KeyBinding([.pageUp], .pageUp, help: "Page up", context: .help),
        KeyBinding([.escape, .character("?"), .function(1)], .close, hint: "close", help: "Close the help", context: .help),
    ]
}
