internal import HTTPTypes
internal import NIOCore

/// A response's head as NIO's HTTP/1 encoder writes it, up to the value of its `Date`
/// field (the last one), so that a kept answer can be sent as ready bytes: the status line,
/// the fields in order, `Content-Length` when there is a body, and `Date: `.
enum ResponseHead {
    /// The head of a response with `status`, `fields` and `body`, up to the `Date` value.
    static func bytes(_ status: HTTPResponse.Status, _ fields: HTTPFields, body: ByteBuffer?) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeString("HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n")
        for field in fields {
            buffer.writeString(field.name.rawName)
            buffer.writeStaticString(": ")
            buffer.writeString(field.value)
            buffer.writeStaticString("\r\n")
        }
        if let body { buffer.writeString("Content-Length: \(body.readableBytes)\r\n") }
        buffer.writeStaticString("Date: ")
        return buffer
    }
}
