internal import Foundation
internal import Kernel
internal import Store

/// The JSON the API writes of content: built as field values, so keys come out sorted and
/// the same content always gives the same bytes (and entity tag).
enum ContentDocument {
    /// An item: its public fields (the type's fields that are not private) and where it lives.
    static func item(_ item: Item, type: ContentType) -> FieldValue {
        var fields: [String: FieldValue] = [:]
        for field in type.fields where !field.isPrivate {
            if let value = item.fields[field.name] { fields[field.name] = value }
        }
        return .object([
            "id": .integer(Int(item.id)),
            "type": .text(item.type),
            "tenant": .text(item.tenant),
            "language": .text(item.language),
            "slug": .text(item.slug),
            "title": .text(item.title),
            "translation_of": item.translationOf.map { .integer(Int($0)) } ?? .null,
            "fields": .object(fields),
            "created": .text(timestamp(item.createdAt)),
            "updated": .text(timestamp(item.updatedAt)),
            "url": .text(url(tenant: item.tenant, plural: type.plural, slug: item.slug, language: item.language)),
        ])
    }

    /// The API's path of an item.
    static func url(tenant: String, plural: String, slug: String, language: String) -> String {
        "/v1/\(tenant)/\(plural)/\(slug)?lang=\(QueryParameters.escape(language))"
    }

    /// The API's path of an adoption's upstream item, when its type is registered.
    static func url(of upstream: PublicUpstream, registry: PluginRegistry) -> String? {
        registry.contentType(upstream.type).map { type in
            url(tenant: upstream.tenant, plural: type.plural, slug: upstream.slug, language: upstream.language)
        }
    }

    /// Facet counts by facet, each most frequent first.
    static func facets(_ counts: [FacetCount], asked: [String]) -> FieldValue {
        var facets: [String: FieldValue] = [:]
        for facet in asked { facets[facet] = .list([]) }
        for count in counts {
            facets[count.facet] = .list(
                (facets[count.facet]?.listValue ?? [])
                    + [.object(["value": .text(count.value), "count": .integer(count.count)])]
            )
        }
        return .object(facets)
    }

    /// A snippet as runs of text, each saying whether it matches the query.
    static func snippet(_ snippet: Snippet) -> FieldValue {
        .list(snippet.parts.map { .object(["text": .text($0.text), "match": .boolean($0.isMatch)]) })
    }

    /// When what `items` show last changed: their last save, or their scheduled publication
    /// if it came later.
    static func lastModified(_ items: [Item]) -> Date? {
        items.map { item in max(item.updatedAt, item.publishAt ?? item.updatedAt) }.max()
    }

    /// A moment in ISO 8601, UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// The languages of `items` (or `fallback` when there is none), each once, in order of
    /// `chain`: what the `Content-Language` field states.
    static func languages(of items: [Item], chain: [String], fallback: String) -> [String] {
        let present = Set(items.map(\.language))
        let ordered = chain.filter(present.contains) + present.subtracting(chain).sorted()
        return ordered.isEmpty ? [fallback] : ordered
    }
}
