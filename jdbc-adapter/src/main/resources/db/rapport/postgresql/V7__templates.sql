-- Message templates by key and locale (TemplateStore): one text per key and BCP 47 locale tag; 'und' is the default.
CREATE TABLE ${prefix}template (
    template_key  TEXT NOT NULL,
    locale_tag    TEXT NOT NULL,
    body          TEXT NOT NULL,
    updated_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT ${prefix}template_pk PRIMARY KEY (template_key, locale_tag)
);
