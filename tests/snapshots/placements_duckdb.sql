SELECT
  "t43"."party_id",
  "t43"."rm_id",
  "t43"."party_kind",
  "t43"."segment",
  "t43"."days_since_last_contact",
  "t43"."contacts_total",
  "t43"."interactions_90d",
  "t43"."events_attended_365d",
  "t43"."care_events_180d",
  "t43"."service_events_180d",
  "t43"."complaints_open",
  "t43"."needs_identified",
  "t43"."products_held",
  "t43"."product_families_held",
  "t43"."months_as_customer",
  "t43"."total_balance",
  "t43"."vip_tier",
  "t43"."referrals_converted",
  "t43"."partners_on_books",
  "t43"."met__first_contact",
  "t43"."met__bank_trust",
  "t43"."met__recent_contacts",
  "t43"."met__needs_known",
  "t43"."met__first_product",
  "t43"."met__cared_for",
  "t43"."met__no_open_complaint",
  "t43"."met__several_families",
  "t43"."met__balance_threshold",
  "t43"."met__lasting_customer",
  "t43"."met__vip_status",
  "t43"."met__broad_partnership",
  "t43"."met__regular_dialogue",
  "t43"."met__brings_others",
  CASE
    WHEN NOT (
      "t43"."met__first_contact" AND "t43"."met__bank_trust"
    )
    THEN 0
    WHEN NOT (
      "t43"."met__recent_contacts" AND "t43"."met__needs_known"
    )
    THEN 1
    WHEN NOT (
      "t43"."met__first_product"
      AND "t43"."met__cared_for"
      AND "t43"."met__no_open_complaint"
    )
    THEN 2
    WHEN NOT (
      "t43"."met__several_families"
      AND "t43"."met__balance_threshold"
      AND "t43"."met__lasting_customer"
    )
    THEN 3
    WHEN NOT (
      "t43"."met__vip_status"
      AND "t43"."met__broad_partnership"
      AND "t43"."met__regular_dialogue"
    )
    THEN 4
    WHEN NOT (
      "t43"."met__brings_others"
    )
    THEN 5
    ELSE 6
  END AS "stage_rank",
  CASE
    WHEN NOT (
      "t43"."met__first_contact" AND "t43"."met__bank_trust"
    )
    THEN CAST(NULL AS TEXT)
    WHEN NOT (
      "t43"."met__recent_contacts" AND "t43"."met__needs_known"
    )
    THEN 'acquaintance'
    WHEN NOT (
      "t43"."met__first_product"
      AND "t43"."met__cared_for"
      AND "t43"."met__no_open_complaint"
    )
    THEN 'discovery'
    WHEN NOT (
      "t43"."met__several_families"
      AND "t43"."met__balance_threshold"
      AND "t43"."met__lasting_customer"
    )
    THEN 'goodwill'
    WHEN NOT (
      "t43"."met__vip_status"
      AND "t43"."met__broad_partnership"
      AND "t43"."met__regular_dialogue"
    )
    THEN 'resource_mining'
    WHEN NOT (
      "t43"."met__brings_others"
    )
    THEN 'win_win'
    ELSE 'intermediary'
  END AS "stage_id",
  CAST(ROUND(
    CASE
      WHEN NOT (
        "t43"."met__first_contact" AND "t43"."met__bank_trust"
      )
      THEN 0 + (
        CAST(CASE WHEN "t43"."met__first_contact" THEN 1 ELSE 0 END + CASE WHEN "t43"."met__bank_trust" THEN 1 ELSE 0 END AS DOUBLE) / 2
      )
      WHEN NOT (
        "t43"."met__recent_contacts" AND "t43"."met__needs_known"
      )
      THEN 1 + (
        CAST(CASE WHEN "t43"."met__recent_contacts" THEN 1 ELSE 0 END + CASE WHEN "t43"."met__needs_known" THEN 1 ELSE 0 END AS DOUBLE) / 2
      )
      WHEN NOT (
        "t43"."met__first_product"
        AND "t43"."met__cared_for"
        AND "t43"."met__no_open_complaint"
      )
      THEN 2 + (
        CAST(CASE WHEN "t43"."met__first_product" THEN 1 ELSE 0 END + CASE WHEN "t43"."met__cared_for" THEN 1 ELSE 0 END + CASE WHEN "t43"."met__no_open_complaint" THEN 1 ELSE 0 END AS DOUBLE) / 3
      )
      WHEN NOT (
        "t43"."met__several_families"
        AND "t43"."met__balance_threshold"
        AND "t43"."met__lasting_customer"
      )
      THEN 3 + (
        CAST(CASE WHEN "t43"."met__several_families" THEN 1 ELSE 0 END + CASE WHEN "t43"."met__balance_threshold" THEN 1 ELSE 0 END + CASE WHEN "t43"."met__lasting_customer" THEN 1 ELSE 0 END AS DOUBLE) / 3
      )
      WHEN NOT (
        "t43"."met__vip_status"
        AND "t43"."met__broad_partnership"
        AND "t43"."met__regular_dialogue"
      )
      THEN 4 + (
        CAST(CASE WHEN "t43"."met__vip_status" THEN 1 ELSE 0 END + CASE WHEN "t43"."met__broad_partnership" THEN 1 ELSE 0 END + CASE WHEN "t43"."met__regular_dialogue" THEN 1 ELSE 0 END AS DOUBLE) / 3
      )
      WHEN NOT (
        "t43"."met__brings_others"
      )
      THEN 5 + (
        CAST(CASE WHEN "t43"."met__brings_others" THEN 1 ELSE 0 END AS DOUBLE) / 1
      )
      ELSE 6 + 0.0
    END,
    4
  ) AS DOUBLE) AS "score"
FROM (
  SELECT
    "t42"."party_id",
    "t42"."rm_id",
    "t42"."party_kind",
    "t42"."segment",
    "t42"."days_since_last_contact",
    "t42"."contacts_total",
    "t42"."interactions_90d",
    "t42"."events_attended_365d",
    "t42"."care_events_180d",
    "t42"."service_events_180d",
    "t42"."complaints_open",
    "t42"."needs_identified",
    "t42"."products_held",
    "t42"."product_families_held",
    "t42"."months_as_customer",
    "t42"."total_balance",
    "t42"."vip_tier",
    "t42"."referrals_converted",
    "t42"."partners_on_books",
    COALESCE("t42"."contacts_total" >= 1, FALSE) AS "met__first_contact",
    COALESCE("t42"."events_attended_365d" >= 1, FALSE) AS "met__bank_trust",
    COALESCE("t42"."interactions_90d" >= 2, FALSE) AS "met__recent_contacts",
    COALESCE("t42"."needs_identified" >= 1, FALSE) AS "met__needs_known",
    COALESCE("t42"."products_held" >= 1, FALSE) AS "met__first_product",
    COALESCE((
      "t42"."care_events_180d" + "t42"."service_events_180d"
    ) >= 1, FALSE) AS "met__cared_for",
    COALESCE("t42"."complaints_open" = 0, FALSE) AS "met__no_open_complaint",
    COALESCE("t42"."product_families_held" >= 2, FALSE) AS "met__several_families",
    COALESCE("t42"."total_balance" >= 50000, FALSE) AS "met__balance_threshold",
    COALESCE("t42"."months_as_customer" >= 6, FALSE) AS "met__lasting_customer",
    COALESCE("t42"."vip_tier" >= 2, FALSE) AS "met__vip_status",
    COALESCE("t42"."product_families_held" >= 3, FALSE) AS "met__broad_partnership",
    COALESCE("t42"."interactions_90d" >= 3, FALSE) AS "met__regular_dialogue",
    COALESCE(
      (
        "t42"."referrals_converted" >= 1
      ) OR (
        "t42"."partners_on_books" >= 1
      ),
      FALSE
    ) AS "met__brings_others"
  FROM (
    SELECT
      "t11"."party_id",
      "t11"."rm_id",
      "t11"."party_kind",
      "t11"."segment",
      DATE_DIFF('DAY', CAST("t34"."last_contact_at" AS DATE), MAKE_DATE(2026, 6, 30)) AS "days_since_last_contact",
      COALESCE("t34"."contacts_total", 0) AS "contacts_total",
      COALESCE("t34"."interactions_90d", 0) AS "interactions_90d",
      COALESCE("t34"."events_attended_365d", 0) AS "events_attended_365d",
      COALESCE("t34"."care_events_180d", 0) AS "care_events_180d",
      COALESCE("t34"."service_events_180d", 0) AS "service_events_180d",
      COALESCE("t34"."complaints_open", 0) AS "complaints_open",
      COALESCE("t26"."needs_identified", 0) AS "needs_identified",
      COALESCE("t41"."products_held", 0) AS "products_held",
      COALESCE("t41"."product_families_held", 0) AS "product_families_held",
      CAST(FLOOR(
        (
          DATE_DIFF('DAY', "t41"."first_opened_on", MAKE_DATE(2026, 6, 30))
        ) / (
          30
        )
      ) AS BIGINT) AS "months_as_customer",
      CAST(ROUND(COALESCE("t41"."balance", 0.0), 2) AS DOUBLE) AS "total_balance",
      CASE
        WHEN CAST(ROUND(COALESCE("t41"."balance", 0.0), 2) AS DOUBLE) >= (
          CASE WHEN "t11"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 6000000
        )
        THEN 3
        WHEN CAST(ROUND(COALESCE("t41"."balance", 0.0), 2) AS DOUBLE) >= (
          CASE WHEN "t11"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 500000
        )
        THEN 2
        WHEN CAST(ROUND(COALESCE("t41"."balance", 0.0), 2) AS DOUBLE) >= (
          CASE WHEN "t11"."party_kind" = 'enterprise' THEN 10 ELSE 1 END * 50000
        )
        THEN 1
        ELSE 0
      END AS "vip_tier",
      COALESCE("t33"."referrals_converted", 0) AS "referrals_converted",
      COALESCE("t38"."partners_on_books", 0) AS "partners_on_books"
    FROM (
      SELECT
        "t0"."id" AS "party_id",
        "t0"."rm_id",
        "t0"."kind" AS "party_kind",
        "t0"."segment",
        "t0"."first_contact_on",
        "t0"."customer_since",
        "t0"."kyc_expires_on"
      FROM "party" AS "t0"
    ) AS "t11"
    LEFT OUTER JOIN (
      SELECT
        "t28"."party_id" AS "party_id_0",
        "t28"."contacts_total",
        "t28"."interactions_90d",
        "t28"."events_attended_365d",
        "t28"."care_events_180d",
        "t28"."service_events_180d",
        "t28"."complaints_open",
        "t28"."last_contact_at"
      FROM (
        SELECT
          "t12"."party_id",
          COUNT(*) AS "contacts_total",
          COUNT(*) FILTER(WHERE
            "t12"."occurred_at" >= MAKE_TIMESTAMP(2026, 4, 2, 0, 0, 0.0)) AS "interactions_90d",
          COUNT(*) FILTER(WHERE
            (
              "t12"."kind" = 'event'
            )
            AND (
              "t12"."occurred_at" >= MAKE_TIMESTAMP(2025, 7, 1, 0, 0, 0.0)
            )) AS "events_attended_365d",
          COUNT(*) FILTER(WHERE
            (
              "t12"."kind" = 'care'
            )
            AND (
              "t12"."occurred_at" >= MAKE_TIMESTAMP(2026, 1, 2, 0, 0, 0.0)
            )) AS "care_events_180d",
          COUNT(*) FILTER(WHERE
            (
              "t12"."kind" = 'service'
            )
            AND (
              "t12"."occurred_at" >= MAKE_TIMESTAMP(2026, 1, 2, 0, 0, 0.0)
            )) AS "service_events_180d",
          COUNT(*) FILTER(WHERE
            (
              "t12"."kind" = 'complaint'
            )
            AND (
              (
                "t12"."resolved_at" IS NULL
              )
              OR (
                "t12"."resolved_at" >= MAKE_TIMESTAMP(2026, 7, 1, 0, 0, 0.0)
              )
            )) AS "complaints_open",
          MAX("t12"."occurred_at") AS "last_contact_at"
        FROM (
          SELECT
            *
          FROM "interaction" AS "t1"
          WHERE
            "t1"."occurred_at" < MAKE_TIMESTAMP(2026, 7, 1, 0, 0, 0.0)
        ) AS "t12"
        GROUP BY
          1
      ) AS "t28"
    ) AS "t34"
      ON "t11"."party_id" = "t34"."party_id_0"
    LEFT OUTER JOIN (
      SELECT
        "t21"."party_id" AS "party_id_1",
        "t21"."needs_identified"
      FROM (
        SELECT
          "t13"."party_id",
          COUNT(*) AS "needs_identified"
        FROM (
          SELECT
            *
          FROM "need" AS "t2"
          WHERE
            "t2"."identified_on" <= MAKE_DATE(2026, 6, 30)
        ) AS "t13"
        GROUP BY
          1
      ) AS "t21"
    ) AS "t26"
      ON "t11"."party_id" = "t26"."party_id_1"
    LEFT OUTER JOIN (
      SELECT
        "t39"."party_id" AS "party_id_2",
        "t39"."products_held",
        "t39"."product_families_held",
        "t39"."first_opened_on",
        "t39"."balance"
      FROM (
        SELECT
          "t37"."party_id",
          SUM("t37"."held_now") AS "products_held",
          COUNT(*) FILTER(WHERE
            (
              "t37"."held_now" > 0
            ) AND (
              "t37"."family" IS NOT NULL
            )) AS "product_families_held",
          MIN("t37"."first_opened_on") AS "first_opened_on",
          SUM("t37"."balance") AS "balance"
        FROM (
          SELECT
            "t29"."party_id",
            "t29"."family",
            COUNT(*) FILTER(WHERE
              (
                "t29"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t29"."closed_on" IS NULL
                )
                OR (
                  "t29"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "held_now",
            MIN("t29"."opened_on") AS "first_opened_on",
            SUM("t29"."balance") FILTER(WHERE
              (
                "t29"."opened_on" <= MAKE_DATE(2026, 6, 30)
              )
              AND (
                (
                  "t29"."closed_on" IS NULL
                )
                OR (
                  "t29"."closed_on" > MAKE_DATE(2026, 6, 30)
                )
              )) AS "balance"
          FROM (
            SELECT
              "t17"."id",
              "t17"."party_id",
              "t17"."product_code",
              "t17"."opened_on",
              "t17"."closed_on",
              "t23"."holding_id",
              "t23"."balance",
              "t8"."code",
              "t8"."family"
            FROM (
              SELECT
                *
              FROM "holding" AS "t4"
              WHERE
                "t4"."opened_on" <= MAKE_DATE(2026, 6, 30)
            ) AS "t17"
            LEFT OUTER JOIN (
              SELECT
                "t7"."holding_id",
                ARG_MAX(CAST("t7"."amount" AS DOUBLE), "t7"."snapshot_on") FILTER(WHERE
                  "t7"."snapshot_on" <= MAKE_DATE(2026, 6, 30)) AS "balance"
              FROM "balance" AS "t7"
              GROUP BY
                1
            ) AS "t23"
              ON "t17"."id" = "t23"."holding_id"
            LEFT OUTER JOIN "product" AS "t8"
              ON "t17"."product_code" = "t8"."code"
          ) AS "t29"
          GROUP BY
            1,
            2
        ) AS "t37"
        GROUP BY
          1
      ) AS "t39"
    ) AS "t41"
      ON "t11"."party_id" = "t41"."party_id_2"
    LEFT OUTER JOIN (
      SELECT
        "t35"."party_id" AS "party_id_3",
        "t35"."partners_on_books"
      FROM (
        SELECT
          "t31"."party_id",
          COUNT(DISTINCT "t31"."partner") AS "partners_on_books"
        FROM (
          SELECT
            "t24"."party_id",
            "t24"."partner_id",
            "t16"."partner"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t6"."from_party_id" AS "party_id",
                "t6"."to_party_id" AS "partner_id"
              FROM "relationship" AS "t6"
              WHERE
                "t6"."kind" IN ('supplier_of', 'buyer_of')
                AND (
                  (
                    "t6"."since" IS NULL
                  ) OR (
                    "t6"."since" <= MAKE_DATE(2026, 6, 30)
                  )
                )
            ) AS "t18"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t6"."to_party_id" AS "party_id",
                "t6"."from_party_id" AS "partner_id"
              FROM "relationship" AS "t6"
              WHERE
                "t6"."kind" IN ('supplier_of', 'buyer_of')
                AND (
                  (
                    "t6"."since" IS NULL
                  ) OR (
                    "t6"."since" <= MAKE_DATE(2026, 6, 30)
                  )
                )
            ) AS "t19"
          ) AS "t24"
          LEFT OUTER JOIN (
            SELECT
              "t0"."id" AS "partner"
            FROM "party" AS "t0"
            WHERE
              "t0"."customer_since" <= MAKE_DATE(2026, 6, 30)
          ) AS "t16"
            ON "t24"."partner_id" = "t16"."partner"
        ) AS "t31"
        GROUP BY
          1
      ) AS "t35"
    ) AS "t38"
      ON "t11"."party_id" = "t38"."party_id_3"
    LEFT OUTER JOIN (
      SELECT
        "t27"."party_id" AS "party_id_4",
        "t27"."referrals_converted"
      FROM (
        SELECT
          "t14"."referrer_id" AS "party_id",
          COUNT(*) FILTER(WHERE
            (
              "t14"."status" = 'converted'
            )
            AND (
              "t14"."converted_on" <= MAKE_DATE(2026, 6, 30)
            )) AS "referrals_converted"
        FROM (
          SELECT
            *
          FROM "referral" AS "t3"
          WHERE
            "t3"."referred_on" <= MAKE_DATE(2026, 6, 30)
        ) AS "t14"
        GROUP BY
          1
      ) AS "t27"
    ) AS "t33"
      ON "t11"."party_id" = "t33"."party_id_4"
  ) AS "t42"
) AS "t43"
ORDER BY
  "t43"."party_id" ASC
