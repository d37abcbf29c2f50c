import Segments

/// A question before something that cannot be taken back. Cancel has the focus when it opens,
/// so a stray Enter never confirms; for the most dangerous acts the user must also type a word
/// (the segment's name), and Enter in that field confirms once it matches or says why not.
/// A question whose safe answer is yes (restore a draft) opens on its confirm button instead.
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
        /// The second question before a draft is thrown away.
        case discardDraft(EditDraft)
    }

    /// What has the keys: the name field (when there is one) or a button.
    public enum Focus: Equatable, Sendable { case field, cancel, confirm }

    public var title: String
    public var message: String
    public var confirmLabel: String
    public var cancelLabel: String
    public var purpose: Purpose
    public private(set) var focus: Focus
    /// When set, the confirm button works only once `typed` equals it.
    public let requiredText: String?
    public private(set) var typed = TextBuffer()
    /// Why the last Enter did not confirm (a name typed wrong), shown under the field.
    public private(set) var problem: String?

    public init(title: String, message: String, confirmLabel: String, cancelLabel: String = "Cancel",
                purpose: Purpose, requiredText: String? = nil, confirmFocused: Bool = false) {
        self.title = title
        self.message = message
        self.confirmLabel = confirmLabel
        self.cancelLabel = cancelLabel
        self.purpose = purpose
        self.requiredText = requiredText
        self.focus = requiredText != nil ? .field : (confirmFocused ? .confirm : .cancel)
    }

    public var isConfirmFocused: Bool { focus == .confirm }
    public var isFieldFocused: Bool { focus == .field }
    public var canConfirm: Bool { requiredText == nil || typed.text == requiredText }

    public enum Outcome: Equatable, Sendable { case pending, confirmed, cancelled }

    /// Why the confirm key cannot act now; nil when it can.
    public var confirmRefusal: String? {
        guard focus != .cancel, let requiredText, !canConfirm else { return nil }
        return typed.isEmpty ? "Type '\(requiredText)' to confirm" : "The name typed is not '\(requiredText)'; type it exactly"
    }

    /// Applies an action of the dialog's table, or of the name field's.
    public mutating func perform(_ action: AppAction) -> Outcome {
        switch action {
        case .close: return .cancelled
        case .nextField:
            let order: [Focus] = requiredText != nil ? [.field, .confirm, .cancel] : [.cancel, .confirm]
            focus = order[((order.firstIndex(of: focus) ?? 0) + 1) % order.count]
            return .pending
        case .confirm:
            if focus == .cancel { return .cancelled }
            if let refusal = confirmRefusal {
                problem = refusal
                return .pending
            }
            return .confirmed
        default:
            guard focus == .field else { return .pending }
            if typed.perform(action) { problem = nil }
            return .pending
        }
    }

    /// Shows why a key did not act, under the name field.
    public mutating func show(problem text: String) { problem = text }

    /// Typed text goes to the name field when it has the focus.
    public mutating func insert(_ text: String) {
        guard requiredText != nil else { return }
        focus = .field
        typed.insert(text)
        problem = nil
    }
}
