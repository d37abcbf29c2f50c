/// What a members change did, counted from the member ids before and after it.
struct MemberChangeReport {
    enum Action { case add, remove }
    var action: Action
    /// The ids asked for; empty for an add by query.
    var asked: [String]
    var before: Set<String>
    var after: Set<String>

    /// "added 3, 1 already a member, 2 unknown ids ignored" / "removed 2, 1 not a member".
    var summary: String {
        let wanted = Set(asked)
        switch action {
        case .add:
            guard !asked.isEmpty else { return "added \(after.subtracting(before).count)" }
            let added = wanted.intersection(after).subtracting(before).count
            var parts = ["added \(added)"]
            let already = wanted.intersection(before).count
            if already > 0 { parts.append("\(already) already \(already == 1 ? "a member" : "members")") }
            let ignored = wanted.subtracting(after).subtracting(before).count
            if ignored > 0 { parts.append("\(ignored) unknown \(ignored == 1 ? "id" : "ids") ignored") }
            return parts.joined(separator: ", ")
        case .remove:
            let removed = wanted.intersection(before).subtracting(after).count
            var parts = ["removed \(removed)"]
            let strangers = wanted.subtracting(before).count
            if strangers > 0 { parts.append("\(strangers) not \(strangers == 1 ? "a member" : "members")") }
            let kept = wanted.intersection(before).intersection(after).count
            if kept > 0 { parts.append("\(kept) still \(kept == 1 ? "a member" : "members")") }
            return parts.joined(separator: ", ")
        }
    }
}
