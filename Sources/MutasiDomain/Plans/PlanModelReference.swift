import Foundation

/// Which planning model a plan was built under and where it is published, so that whoever
/// reads a plan can look up how its moves and figures are computed.
public struct PlanModelReference: Codable, Sendable, Equatable {
    public var version: Int
    /// The model for users, in Bahasa Indonesia with the API's English terms (repository path).
    public var document: String
    /// The English reference of the same model (repository path).
    public var reference: String

    public init(version: Int, document: String, reference: String) {
        self.version = version; self.document = document; self.reference = reference
    }

    /// The model every plan is built under today (planning model version 2).
    public static let current = PlanModelReference(version: 2, document: "docs/model-perencanaan.md",
                                                   reference: "docs/planning.md")

    /// The `Link` header value for responses that carry a plan (`rel="describedby"`).
    public var linkHeader: String { "<\(document)>; rel=\"describedby\"; type=\"text/markdown\"" }
}
