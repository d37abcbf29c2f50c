import Segments
import TerminalKit

/// What a members change did, counted from the member ids before and after it.
struct MemberChangeReport {
    enum Action { case add, remove }
    var action: Action
    /// The ids asked for; empty for an add by query.
    var asked: [String]
    var before: Set<String>
    var after: Set<String>
    /// The group changed with `--group`: `before` and `after` are then its own ids.
    var group: MemberGroup? = nil

    /// "added 3, 1 already a member, 2 unknown ids ignored" / "removed 2, 1 not a member"; with a
    /// group, "added 2, 1 already in it; group 'VIPs' (Include): 4 before, 6 after".
    var summary: String {
        guard let group else { return counts(member: "a member", members: "members") }
        // "in it" rather than "a member": ids in an Exclude group are the segment's non-members.
        let name = "group '\(Sanitizer.standard(group.name))' (\(group.role.label))"
        var text = counts(member: "in it", members: "in it") + "; \(name): \(before.count) before, \(after.count) after"
        if group.role == .exclude { text += "; excluded: \(after.count) (kept out of the segment, whatever else selects them)" }
        return text
    }

    private func counts(member: String, members: String) -> String {
        let wanted = Set(asked)
        switch action {
        case .add:
            guard !asked.isEmpty else { return "added \(after.subtracting(before).count)" }
            let added = wanted.intersection(after).subtracting(before).count
            var parts = ["added \(added)"]
            let already = wanted.intersection(before).count
            if already > 0 { parts.append("\(already) already \(already == 1 ? member : members)") }
            let ignored = wanted.subtracting(after).subtracting(before).count
            if ignored > 0 { parts.append("\(ignored) unknown \(ignored == 1 ? "id" : "ids") ignored") }
            return parts.joined(separator: ", ")
        case .remove:
            let removed = wanted.intersection(before).subtracting(after).count
            var parts = ["removed \(removed)"]
            let strangers = wanted.subtracting(before).count
            if strangers > 0 { parts.append("\(strangers) not \(strangers == 1 ? member : members)") }
            let kept = wanted.intersection(before).intersection(after).count
            if kept > 0 { parts.append("\(kept) still \(kept == 1 ? member : members)") }
            return parts.joined(separator: ", ")
        }
    }
}
