import Segments

/// A question before something that cannot be taken back. Cancel has the focus when it opens,
/// so a stray Enter never confirms; for the most dangerous acts the user must also type a word
/// (the segment's name) before the confirm button works.
public struct ConfirmDialog: Equatable, Sendable {
    /// What happens on confirm; the app model carries it out.
    public enum Purpose: Equatable, Sendable {
        case changeStatus(Segment, to: SegmentStatus)
        case delete(Segment)
        /// A journeys static group and its members.
        case deleteGroup(MemberGroup)
        case discardScreen
        case quit
        case restoreDraft(EditDraft)
    }

    public var title: String
    public var message: String
    public var confirmLabel: String
    public var cancelLabel: String
    public var purpose: Purpose
    public private(set) var isConfirmFocused = false
    /// When set, the confirm button works only once `typed` equals it.
    public let requiredText: String?
    public private(set) var typed = TextBuffer()

    public init(title: String, message: String, confirmLabel: String, cancelLabel: String = "Cancel",
                purpose: Purpose, requiredText: String? = nil) {
        self.title = title
        self.message = message
        self.confirmLabel = confirmLabel
        self.cancelLabel = cancelLabel
        self.purpose = purpose
        self.requiredText = requiredText
    }

    public var canConfirm: Bool { requiredText == nil || typed.text == requiredText }

    public enum Outcome: Equatable, Sendable { case pending, confirmed, cancelled }

    /// Applies a key: moves focus, types into the name field, or answers.
    public mutating func handle(_ chord: KeyChord, action: AppAction?) -> Outcome {
        switch action {
        case .close: return .cancelled
        case .nextField:
            isConfirmFocused.toggle()
            return .pending
        case .confirm:
            if isConfirmFocused && canConfirm { return .confirmed }
            return isConfirmFocused ? .pending : .cancelled
        default:
            if requiredText != nil { _ = typed.handle(chord) }
            return .pending
        }
    }
}
