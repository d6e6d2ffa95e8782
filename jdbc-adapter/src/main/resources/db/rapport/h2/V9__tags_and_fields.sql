-- Tags and custom field values of cases and customers, one row each, beside their owner.

CREATE TABLE ${prefix}case_tag (
    case_id  UUID        NOT NULL,
    tag      VARCHAR(64) NOT NULL,
    CONSTRAINT ${prefix}case_tag_pk PRIMARY KEY (case_id, tag),
    CONSTRAINT ${prefix}case_tag_case_fk FOREIGN KEY (case_id)
        REFERENCES ${prefix}support_case (id) ON DELETE CASCADE
);
-- serves CaseRepository.findByTag and the KPI breakdown by tag
CREATE INDEX IF NOT EXISTS ${prefix}case_tag_tag_idx ON ${prefix}case_tag (tag, case_id);

-- the value in its canonical text form (FieldValue.text()), its kind beside it
CREATE TABLE ${prefix}case_field (
    case_id      UUID        NOT NULL,
    name         VARCHAR(64) NOT NULL,
    kind         VARCHAR(16) NOT NULL,
    field_value  CHARACTER VARYING NOT NULL,
    CONSTRAINT ${prefix}case_field_pk PRIMARY KEY (case_id, name),
    CONSTRAINT ${prefix}case_field_case_fk FOREIGN KEY (case_id)
        REFERENCES ${prefix}support_case (id) ON DELETE CASCADE
);
-- serves CaseRepository.findByField (the value is compared on the rows of the field) and the KPI breakdown by field
CREATE INDEX IF NOT EXISTS ${prefix}case_field_name_idx ON ${prefix}case_field (name, case_id);

CREATE TABLE ${prefix}customer_tag (
    customer_id  UUID        NOT NULL,
    tag          VARCHAR(64) NOT NULL,
    CONSTRAINT ${prefix}customer_tag_pk PRIMARY KEY (customer_id, tag),
    CONSTRAINT ${prefix}customer_tag_customer_fk FOREIGN KEY (customer_id)
        REFERENCES ${prefix}customer (id) ON DELETE CASCADE
);
-- serves CustomerRepository.findByTag
CREATE INDEX IF NOT EXISTS ${prefix}customer_tag_tag_idx ON ${prefix}customer_tag (tag, customer_id);

CREATE TABLE ${prefix}customer_field (
    customer_id  UUID        NOT NULL,
    name         VARCHAR(64) NOT NULL,
    kind         VARCHAR(16) NOT NULL,
    field_value  CHARACTER VARYING NOT NULL,
    CONSTRAINT ${prefix}customer_field_pk PRIMARY KEY (customer_id, name),
    CONSTRAINT ${prefix}customer_field_customer_fk FOREIGN KEY (customer_id)
        REFERENCES ${prefix}customer (id) ON DELETE CASCADE
);
