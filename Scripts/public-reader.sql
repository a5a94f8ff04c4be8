-- Run by the postgres container of docker-compose.yml when it creates its database: the
-- login role `micic serve` reads as. micic's migrations give micic_public its policies and
-- grants; this role only joins it, and is granted nothing else.
create role micic_public nologin;
create role micic_web login password 'micic_web' in role micic_public;
