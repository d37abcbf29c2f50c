/// How long each text of a segment may be, as the services allow (outbound: segment-service.md's
/// column table; journeys: JSS §2.1–2.2), written once for the editor and the new-segment form.
public enum SegmentTextLimits {
    /// `msdyncrm_segmentname` and `msdynmkt_displayname`: string(100).
    public static let name = 100
    /// `msdyncrm_description`: at most 2000 characters.
    public static let description = 2000
    /// `msdyncrm_segmentquery` and `msdynmkt_segmentquery` (listed as 4000 in 2024).
    public static let query = 4000
    /// Journeys' refresh interval as typed: minutes or "off".
    public static let refresh = 10
}
