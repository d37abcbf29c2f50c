import TerminalKit

/// One field of a form as the segment editor and the new-segment form draw it: its label, marked
/// while it has the focus, and the message about it under its text. The text itself is a
/// `TextFieldView` (or a choice) that each pane places where its layout wants it.
@MainActor
struct FieldRowView {
    let label: String
    let isFocused: Bool
    let theme: Theme

    /// "▸ Name" while focused, "  Name" otherwise; returns the columns drawn.
    @discardableResult
    func drawLabel(on canvas: any Canvas, row: Int, column: Int, width: Int) -> Int {
        canvas.draw((isFocused ? "▸ " : "  ") + label, row: row, column: column, width: width, style: isFocused ? .accent : .dim)
    }

    /// The message about the field, sanitised (it may quote the service) and cut to one line;
    /// returns the rows used: 1, or 0 without a message.
    @discardableResult
    func drawIssue(_ issue: String?, marker: String = "", on canvas: any Canvas, row: Int, column: Int, width: Int) -> Int {
        guard let issue else { return 0 }
        canvas.draw(TextWidth.truncate(marker + theme.sanitizer(issue), toWidth: width, ellipsis: theme.ellipsis),
                    row: row, column: column, width: width, style: .error)
        return 1
    }
}
