internal import Foundation

/// The OpenAPI 3.1 document of the API (`openapi.json`, shipped as a resource), served at
/// `/openapi.json`; a test keeps it and the routes equal.
public enum OpenAPIDocument {
    /// The document's text.
    public static let text: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else { preconditionFailure("openapi.json is missing from the Delivery module's resources") }
        return String(decoding: data, as: UTF8.self)
    }()
}
