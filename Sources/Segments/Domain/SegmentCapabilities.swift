/// What a service can do beyond reading segments, so that the UI offers only what works: the
/// operations an API lacks are refused with `.invalidRequest` if called anyway.
public struct SegmentCapabilities: Sendable, Equatable {
    public var api: SegmentAPI
    /// The kinds `create` accepts.
    public var creatableKinds: [SegmentKind]
    /// Groups may be created, renamed and deleted (journeys); outbound has one fixed list.
    public var editsGroups: Bool
    /// Exclude groups exist (journeys).
    public var excludeGroups: Bool
    /// Who is in any kind of segment now can be read (journeys' MembersList; outbound reads the
    /// evaluated members of every kind too).
    public var readsCurrentMembers: Bool
    /// Refresh settings exist and can be changed (journeys).
    public var refreshSettings: Bool
    /// Segments may be of leads as well as contacts (journeys).
    public var leadSegments: Bool
    /// Members can be added by a query in one call (outbound's addByQuery).
    public var addsMembersByQuery: Bool
    /// At most this many ids a member-change call; the adapter splits longer lists itself.
    public var maxIdsPerCall: Int

    public init(api: SegmentAPI, creatableKinds: [SegmentKind], editsGroups: Bool, excludeGroups: Bool,
                readsCurrentMembers: Bool, refreshSettings: Bool, leadSegments: Bool, addsMembersByQuery: Bool,
                maxIdsPerCall: Int) {
        self.api = api
        self.creatableKinds = creatableKinds
        self.editsGroups = editsGroups
        self.excludeGroups = excludeGroups
        self.readsCurrentMembers = readsCurrentMembers
        self.refreshSettings = refreshSettings
        self.leadSegments = leadSegments
        self.addsMembersByQuery = addsMembersByQuery
        self.maxIdsPerCall = maxIdsPerCall
    }

    /// Outbound (`msdyncrm_segments`): one static list, no groups, no refresh settings.
    public static let outbound = SegmentCapabilities(
        api: .outbound, creatableKinds: [.dynamic, .static, .compound], editsGroups: false, excludeGroups: false,
        readsCurrentMembers: true, refreshSettings: false, leadSegments: false, addsMembersByQuery: true,
        maxIdsPerCall: 20_000)

    /// Real-time journeys: groups, leads, refresh settings, 1,000 ids a call.
    public static let journeys = SegmentCapabilities(
        api: .journeys, creatableKinds: [.dynamic, .static, .mixed], editsGroups: true, excludeGroups: true,
        readsCurrentMembers: true, refreshSettings: true, leadSegments: true, addsMembersByQuery: false,
        maxIdsPerCall: 1_000)
}
