/// How a run of text looks, independent of the terminal: panes say what a thing is (a header,
/// a selected row, an error) and the theme decides the colours.
public struct Style: Hashable, Sendable {
    public enum Role: Hashable, Sendable, CaseIterable {
        case normal, header, selection, dim, accent, warning, error, success, statusBar, title, border
    }
    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
    public static let header = Style(.header, bold: true)
    public static let selection = Style(.selection, reverse: true)
    public static let dim = Style(.dim)
    public static let accent = Style(.accent)
    public static let warning = Style(.warning, bold: true)
    public static let error = Style(.error, bold: true)
    public static let success = Style(.success)
    public static let statusBar = Style(.statusBar, reverse: true)
    public static let title = Style(.title, bold: true)
    public static let border = Style(.border)
}
