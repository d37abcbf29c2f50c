/// How the journeys tables look over the Web API: the entity sets, their columns and kinds, so
/// that the shared OData machinery (select, filter, order, paging, labels, ETags) serves them.
extension EntityModel {
    typealias D = DefinitionColumn
    typealias S = SegmentColumn

    private static func option(_ set: OptionLabels) -> PropertyKind { .optionSet { set.label($0) } }

    static let businessUnits = LookupTarget(
        table: "businessunits", keyColumn: "businessunitid", nameColumn: "name", logicalName: "businessunit",
        navigationProperty: "owningbusinessunit")

    /// §2.1. `msdynmkt_segmentquery` was 4000 in 2024 and was enlarged in Feb 2026 [M][D]: 1 MB here.
    static let definitions = EntityModel(
        entitySet: D.entitySet, logicalName: D.entityName, table: "jx_definitions", key: D.id,
        properties: [
            PropertyModel(name: D.id, column: D.id, kind: .guid, nullable: false),
            PropertyModel(name: D.name, column: D.name, kind: .string(maxLength: 100), nullable: false, foldColumn: "name_fold"),
            PropertyModel(name: D.query, column: D.query, kind: .string(maxLength: 1_048_576), nullable: true),
            PropertyModel(name: D.staticListMembers, column: D.staticListMembers, kind: .string(maxLength: 1_048_576), nullable: true),
            PropertyModel(name: D.includedMembers, column: D.includedMembers, kind: .string(maxLength: 1_048_576), nullable: true),
            PropertyModel(name: D.excludedMembers, column: D.excludedMembers, kind: .string(maxLength: 4000), nullable: true),
            PropertyModel(name: D.disableRefresh, column: D.disableRefresh, kind: .boolean, nullable: false),
            PropertyModel(name: D.refreshInterval, column: D.refreshInterval, kind: .integer, nullable: true),
            PropertyModel(name: D.stopRefreshAfter, column: D.stopRefreshAfter, kind: .date, nullable: true),
            PropertyModel(name: D.timeZone, column: D.timeZone, kind: .integer, nullable: true),
            PropertyModel(name: D.computationStatus, column: D.computationStatus, kind: option(JourneyOptions.computationStatus), nullable: true),
            PropertyModel(name: D.computationStarted, column: D.computationStarted, kind: .date, nullable: true),
            PropertyModel(name: D.computationFinished, column: D.computationFinished, kind: .date, nullable: true),
            PropertyModel(name: D.definitionModified, column: D.definitionModified, kind: .date, nullable: true),
            PropertyModel(name: D.dependentSegments, column: D.dependentSegments, kind: .string(maxLength: 1_048_576), nullable: true),
            PropertyModel(name: D.targetedSegments, column: D.targetedSegments, kind: .string(maxLength: 1_048_576), nullable: true),
            PropertyModel(name: "statecode", column: "statecode", kind: option(JourneyOptions.definitionState), nullable: false),
            PropertyModel(name: "statuscode", column: "statuscode", kind: option(JourneyOptions.definitionStatus), nullable: false),
            PropertyModel(name: "createdon", column: "createdon", kind: .date, nullable: false),
            PropertyModel(name: "modifiedon", column: "modifiedon", kind: .date, nullable: false),
            PropertyModel(name: "_ownerid_value", column: "ownerid", kind: .lookup(users), nullable: false),
            PropertyModel(name: "versionnumber", column: "versionnumber", kind: .bigInt, nullable: false),
            PropertyModel(name: D.errorReason, column: "errorreason", kind: .string(maxLength: 2000), nullable: true),
        ])

    /// §2.2. `msdynmkt_sourcesegmentuid` is stored as a lowercase GUID, so the column is its own
    /// folded copy and `$filter=msdynmkt_sourcesegmentuid eq '...'` seeks in its index.
    static let journeySegments = EntityModel(
        entitySet: S.entitySet, logicalName: S.entityName, table: "jx_segments", key: S.id,
        properties: [
            PropertyModel(name: S.id, column: S.id, kind: .guid, nullable: false),
            PropertyModel(name: S.displayName, column: S.displayName, kind: .string(maxLength: 100), nullable: true, foldColumn: "name_fold"),
            PropertyModel(name: S.description, column: S.description, kind: .string(maxLength: 1000), nullable: true),
            PropertyModel(name: S.type, column: S.type, kind: option(JourneyOptions.segmentType), nullable: false),
            PropertyModel(name: S.source, column: S.source, kind: option(JourneyOptions.segmentSource), nullable: true),
            PropertyModel(name: S.baseEntity, column: S.baseEntity, kind: .string(maxLength: 100), nullable: false),
            PropertyModel(
                name: S.sourceSegmentUid, column: S.sourceSegmentUid, kind: .string(maxLength: 100), nullable: false,
                foldColumn: S.sourceSegmentUid),
            PropertyModel(name: S.scope, column: S.scope, kind: option(JourneyOptions.segmentScope), nullable: true),
            PropertyModel(name: S.memberCount, column: S.memberCount, kind: .integer, nullable: true),
            PropertyModel(name: S.publishedJourneyCount, column: S.publishedJourneyCount, kind: .integer, nullable: true),
            PropertyModel(name: S.lastEvaluated, column: S.lastEvaluated, kind: .date, nullable: true),
            PropertyModel(name: S.owningBusinessUnit, column: "owningbusinessunit", kind: .lookup(businessUnits), nullable: true),
            PropertyModel(name: "statecode", column: "statecode", kind: option(JourneyOptions.segmentState), nullable: false),
            PropertyModel(name: "statuscode", column: "statuscode", kind: option(JourneyOptions.segmentStatus), nullable: false),
            PropertyModel(name: "createdon", column: "createdon", kind: .date, nullable: false),
            PropertyModel(name: "modifiedon", column: "modifiedon", kind: .date, nullable: false),
            PropertyModel(name: "_ownerid_value", column: "ownerid", kind: .lookup(users), nullable: false),
            PropertyModel(name: "versionnumber", column: "versionnumber", kind: .bigInt, nullable: false),
        ])

    static let parentAccount = LookupTarget(
        table: "accounts", keyColumn: "accountid", nameColumn: "name", logicalName: "account", navigationProperty: "parentaccountid")

    /// `leads`, read-only: the second base table a journeys segment can have (§2.2 [D]).
    static let leads = EntityModel(
        entitySet: "leads", logicalName: "lead", table: "leads", key: "leadid",
        properties: [
            PropertyModel(name: "leadid", column: "leadid", kind: .guid, nullable: false),
            PropertyModel(name: "fullname", column: "fullname", kind: .string(maxLength: 160), nullable: true, foldColumn: "fullname_fold"),
            PropertyModel(name: "firstname", column: "firstname", kind: .string(maxLength: 50), nullable: true),
            PropertyModel(name: "lastname", column: "lastname", kind: .string(maxLength: 50), nullable: true),
            PropertyModel(name: "emailaddress1", column: "emailaddress1", kind: .string(maxLength: 100), nullable: true),
            PropertyModel(name: "companyname", column: "companyname", kind: .string(maxLength: 100), nullable: true),
            PropertyModel(name: "jobtitle", column: "jobtitle", kind: .string(maxLength: 100), nullable: true),
            PropertyModel(name: "_parentaccountid_value", column: "parentaccountid", kind: .lookup(parentAccount), nullable: true),
            PropertyModel(name: "createdon", column: "createdon", kind: .date, nullable: false),
            PropertyModel(name: "modifiedon", column: "modifiedon", kind: .date, nullable: false),
            PropertyModel(name: "versionnumber", column: "versionnumber", kind: .bigInt, nullable: false),
        ])

    /// `accounts`, read-only, so that RELATE filters can be checked against what exists.
    static let accountRecords: EntityModel = {
        var model = EntityModel(
            entitySet: "accounts", logicalName: "account", table: "accounts", key: "accountid",
            properties: [
                PropertyModel(name: "accountid", column: "accountid", kind: .guid, nullable: false),
                PropertyModel(name: "name", column: "name", kind: .string(maxLength: 160), nullable: false),
            ])
        model.versionSQL = "1"
        return model
    }()

    static let journeyTarget = LookupTarget(
        table: "jx_journeys", keyColumn: "msdynmkt_journeyid", nameColumn: "msdynmkt_name", logicalName: "msdynmkt_journey",
        navigationProperty: "msdynmkt_journeyid")
    static let segmentTarget = LookupTarget(
        table: "jx_segments", keyColumn: "msdynmkt_segmentid", nameColumn: "msdynmkt_displayname", logicalName: "msdynmkt_segment",
        navigationProperty: "msdynmkt_segmentid")

    /// `msdynmkt_journeys`, read-only: entity set and columns are [I] (the reference names none).
    static let journeys = EntityModel(
        entitySet: "msdynmkt_journeys", logicalName: "msdynmkt_journey", table: "jx_journeys", key: "msdynmkt_journeyid",
        properties: [
            PropertyModel(name: "msdynmkt_journeyid", column: "msdynmkt_journeyid", kind: .guid, nullable: false),
            PropertyModel(name: "msdynmkt_name", column: "msdynmkt_name", kind: .string(maxLength: 200), nullable: false),
            PropertyModel(name: "statecode", column: "statecode", kind: option(JourneyOptions.definitionState), nullable: false),
            PropertyModel(name: "statuscode", column: "statuscode", kind: option(JourneyOptions.journeyStatus), nullable: false),
            PropertyModel(name: "createdon", column: "createdon", kind: .date, nullable: false),
            PropertyModel(name: "modifiedon", column: "modifiedon", kind: .date, nullable: false),
            PropertyModel(name: "versionnumber", column: "versionnumber", kind: .bigInt, nullable: false),
        ])

    /// `msdynmkt_segmentusages` (§2.3 [C]): which journeys use a segment and how. The lookup
    /// columns' names are [I]; their formatted values name the journey and the segment.
    static let segmentUsages = EntityModel(
        entitySet: "msdynmkt_segmentusages", logicalName: "msdynmkt_segmentusage", table: "jx_segmentusages",
        key: "msdynmkt_segmentusageid",
        properties: [
            PropertyModel(name: "msdynmkt_segmentusageid", column: "msdynmkt_segmentusageid", kind: .guid, nullable: false),
            PropertyModel(name: "_msdynmkt_segmentid_value", column: "segmentid", kind: .lookup(segmentTarget), nullable: false),
            PropertyModel(name: "_msdynmkt_journeyid_value", column: "journeyid", kind: .lookup(journeyTarget), nullable: false),
            PropertyModel(name: "msdynmkt_usage", column: "msdynmkt_usage", kind: option(JourneyOptions.usage), nullable: false),
            PropertyModel(name: "createdon", column: "createdon", kind: .date, nullable: false),
            PropertyModel(name: "versionnumber", column: "versionnumber", kind: .bigInt, nullable: false),
        ])

    /// The entity sets a journeys organisation answers besides the outbound ones.
    static let journeySets: [String: EntityModel] = Dictionary(
        uniqueKeysWithValues: [definitions, journeySegments, leads, accountRecords, journeys, segmentUsages].map { ($0.entitySet, $0) })
}
