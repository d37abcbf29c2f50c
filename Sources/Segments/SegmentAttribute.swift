/// Column names of `msdyncrm_segment`, in one place so that client, server and tests agree.
public enum SegmentAttribute {
    public static let entitySet = "msdyncrm_segments"
    public static let entityName = "msdyncrm_segment"
    public static let id = "msdyncrm_segmentid"
    public static let name = "msdyncrm_segmentname"
    public static let type = "msdyncrm_segmenttype"
    public static let status = "statuscode"
    public static let state = "statecode"
    public static let description = "msdyncrm_description"
    public static let query = "msdyncrm_segmentquery"
    public static let queryName = "msdyncrm_segmentqueryname"
    public static let memberIds = "msdyncrm_segmentmemberids"
    public static let size = "msdyncrm_segmentsize"
    public static let lastEvaluation = "msdyncrm_lastevaluationtime"
    public static let nextEvaluation = "msdyncrm_nextevaluation"
    public static let createdOn = "createdon"
    public static let modifiedOn = "modifiedon"
    public static let owner = "_ownerid_value"
    public static let versionNumber = "versionnumber"
    /// Why an evaluation ended in Error. [I] inferred: no documented column carries the reason
    /// (reference/segment-service.md, "Segment entity"); the embedded service adds this one,
    /// read-only (SegmentServer's SegmentLifecycle.errorAttribute). A service without it leaves
    /// the reason absent, never an error.
    public static let evaluationError = "msdyncrm_evaluationerror"

    /// Every readable column, in the order the detail pane shows them.
    public static let readable: [String] = [
        id, name, type, status, state, description, query, queryName, size,
        lastEvaluation, nextEvaluation, createdOn, modifiedOn, owner, versionNumber,
    ]
}
