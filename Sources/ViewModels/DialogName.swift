/// A segment's name as a dialog quotes it: whole when short, else cut with "...", so that a long
/// name (the service allows 100 characters, and a record may hold more) never pushes the question
/// and the buttons off the box. 30 characters are at most 60 columns, the width of a dialog's text.
/// Three dots rather than "…", which has no ASCII look-alike in the sanitiser's fold.
enum DialogName {
    static let limit = 30

    static func quoted(_ name: String) -> String {
        "'" + (name.count > limit ? String(name.prefix(limit - 3)) + "..." : name) + "'"
    }
}
