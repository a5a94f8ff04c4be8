internal import Foundation
internal import Kernel

/// Where the next page of a list starts, as the opaque text of the `cursor` parameter: the
/// order it belongs to, and the sort key and id of the last item shown.
enum PageCursor {
    /// The text of the position after `cursor` in `sort` order.
    static func text(_ cursor: ItemCursor, sort: ItemSort) -> String {
        Data("\(sort.rawValue)\n\(cursor.id)\n\(cursor.key)".utf8).base64EncodedString()
            .replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
    }

    /// The position a `cursor` parameter names.
    /// - Throws: ``Problem`` 400 when it is not one this API wrote for `sort`.
    static func cursor(_ text: String, sort: ItemSort) throws -> ItemCursor {
        var base64 = text.replacing("-", with: "+").replacing("_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8) else {
            throw Problem.badParameter("cursor", "is not a cursor this API wrote; start from the first page")
        }
        let parts = decoded.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let id = Int64(parts[1]) else {
            throw Problem.badParameter("cursor", "is not a cursor this API wrote; start from the first page")
        }
        guard parts[0] == sort.rawValue else {
            throw Problem.badParameter("cursor", "belongs to another sort order than \(sort.rawValue)")
        }
        if sort == .updatedAscending || sort == .updatedDescending, Double(parts[2]) == nil {
            throw Problem.badParameter("cursor", "is not a cursor this API wrote; start from the first page")
        }
        return ItemCursor(key: String(parts[2]), id: id)
    }
}
