CREATE TABLE shop_order (
    id VARCHAR(36) PRIMARY KEY,
    customer_email VARCHAR(200) NOT NULL,
    total_cents BIGINT NOT NULL
);
