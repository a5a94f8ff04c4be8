-- News are listed and filtered by publication date.
create index items_news_published_idx on items (tenant_id, (fields ->> 'published_on'));
