import Foundation
import MutasiDomain
import MutasiServices

extension Services {
    /// Every agency of the caller's tenant that the caller may see, read page by page: the
    /// pages' agency filters and names need the whole list.
    func allAgencies(_ principal: Principal) async throws -> [Agency] {
        var all: [Agency] = []
        while true {
            let page = try await agencies.list(actor: principal, tenantID: principal.scope.uuid,
                                               page: try PageRequest(limit: PageRequest.maxLimit, offset: all.count))
            all += page.items
            if page.items.isEmpty || all.count >= page.total { return all }
        }
    }
}
