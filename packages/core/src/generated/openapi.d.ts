// Generated from contracts/openapi/mybot.yaml by openapi-typescript. Do not edit.
export interface paths {
    "/bot-api/v1.0/customer/{customerId}/bot/{botKey}/channel-user/{channelUserId}/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve chat history for a user
         * @description Vendor section 3.2: the messages exchanged between the bot and one user, one page at a time.
         *
         *     The body follows what a production integration observed from the live API in 2026
         *     (`shared/mybot-api/README.md`): the list under `conversations`, string timestamps with a
         *     numeric offset, the text in `response`, a `message_type`, no message ids and no page
         *     metadata. Still unconfirmed, and so the project's assumptions, each with its alternative
         *     kept in the schema: the list key (`messages` is the documented alternative), the order
         *     (most likely newest first, inferred from the integration polling page 1 for new messages;
         *     clients must work with either), ids per message, and page metadata. A page past the end is
         *     an empty list, not an error (project assumption).
         */
        get: operations["getChatHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bot-api/v1.0/customer/{customerId}/bot/{botKey}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get matching users
         * @description Vendor section 3.1: returns the list of users whose attribute `attribute_name` equals
         *     `attribute_value`. An empty list when none match. Users are ordered by `channelUserId`.
         */
        get: operations["getMatchingUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description The list under `conversations` (observed; the integration fell back to `messages`, which
         *     is kept as the alternative). Optional page metadata (never seen).
         */
        ChatHistoryResponse: ({
            conversations?: components["schemas"]["VendorMessage"][];
            messages?: components["schemas"]["VendorMessage"][];
            pagination?: components["schemas"]["Pagination"];
        } & {
            [key: string]: unknown;
        }) | unknown | unknown;
        /**
         * @description One shape for every error status. `errorCode` is 1002, 1003 or 1004 for the vendor's 400s,
         *     1000 for other invalid input (project assumption), otherwise the HTTP status.
         */
        ErrorBody: {
            errorCode: number;
            errorDetails: string;
            errorMessage: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description Page metadata. Not seen from the live API: optional, and clients must work without it
         *     (project assumption).
         */
        Pagination: {
            hasNextPage: boolean;
            pageNumber: number;
            pageSize: number;
            totalMessages: number;
            totalPages: number;
        } & {
            [key: string]: unknown;
        };
        User: {
            attributes: {
                [key: string]: string;
            };
            /** @description The channel the user talks on, such as whatsapp, web, messenger, telegram. */
            channel: string;
            /** @description Id to pass to the history endpoint. */
            channelUserId: string;
            name?: string | null;
        } & {
            [key: string]: unknown;
        };
        UsersResponse: {
            total: number;
            users: components["schemas"]["User"][];
        } & {
            [key: string]: unknown;
        };
        /** @description The file of a `FILE_RECEIVED` message (observed). */
        VendorFile: {
            mimeType?: string;
            uploadType?: string;
            url: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description One message, as observed from the live API in 2026 (`shared/mybot-api/README.md`). Observed:
         *     `timestamp`, `sender`, `response`, `message_type`, `file`, `attachments`, `user_id`.
         *     Assumptions: `id` (never seen; optional), `text` (an older name of `response`, read as a
         *     fallback) and numeric timestamps (epoch milliseconds, read too). Unknown fields pass through.
         */
        VendorMessage: {
            /** @description Observed as `null` on file messages; its other forms are unknown. */
            attachments?: unknown[] | null;
            file?: components["schemas"]["VendorFile"] | null;
            /** @description A message id. Not seen from the live API (project assumption; optional). */
            id?: string;
            /** @description An open set; the values seen are listed. Unknown values must pass through. */
            message_type?: ("TEXT" | "OPTIONS" | "AGENT_PARTICIPATION_STATUS" | "FILE_RECEIVED" | "IMAGE" | "VIDEO" | "AUDIO" | "DOCUMENT") | string;
            /**
             * @description The text (observed). For `OPTIONS`, the offered choices as one string such as
             *     `[⭐, ⭐⭐, ⭐⭐⭐]`; for `AGENT_PARTICIPATION_STATUS`, a JSON string with an `agentId` number
             *     and a `PARTICIPATION_MESSAGE` holding HTML; for `FILE_RECEIVED`, a placeholder
             *     `User uploaded <file name> - [<mime type>]`.
             */
            response?: string | null;
            /**
             * @description Observed: `bot` for the bot's messages; the integration treated every other value as
             *     the end user's. `user` and `agent` (a live agent) are the project's assumption; other
             *     values must pass through.
             */
            sender: string;
            /** @description An alternative name of `response`, read when `response` is absent (project assumption). */
            text?: string;
            /**
             * @description Observed: a local date-time with milliseconds and a numeric offset without a colon,
             *     `YYYY-MM-DD HH:mm:ss.SSS+HHMM` (the slash form `YYYY/MM/DD …` is read too).
             *     Epoch milliseconds as an integer are accepted as an alternative (project assumption).
             */
            timestamp: string | number;
            /** @description A UUID, the web-widget session id (observed); not the channel user id. */
            user_id?: string;
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description Vendor section 3.2 error codes 1002, 1003 and 1004. */
        BadRequestHistory: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description Invalid input (project assumption; the vendor lists no 400 for this endpoint). */
        BadRequestUsers: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description A valid key used for another customer or bot. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description Vendor section 3.1 "Not Found" — the bot does not exist. Another customer's ids answer 403 instead, whether they exist or not. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description Server-side API failure. */
        ServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description Rate limited (not on the vendor page; clients should honour Retry-After). */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description Missing, unknown, revoked or replaced API key. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
    };
    parameters: {
        /**
         * @description Bot key, from the portal's Developer Settings.
         * @example 1a1c9bfa5e0f41ed
         */
        botKey: string;
        /**
         * @description Customer identifier, from the portal's Developer Settings.
         * @example 10294
         */
        customerId: string;
    };
    requestBodies: never;
    headers: {
        /** @description Seconds to wait, or an HTTP date, before retrying. */
        "Retry-After": string;
        /** @description An id of this request for support (project assumption). */
        "X-Request-Id": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getChatHistory: {
        parameters: {
            query?: {
                /**
                 * @description End date, UTC epoch milliseconds, exclusive. If blank, the current UTC time is considered.
                 *     Must be greater than `start_date`.
                 * @example 1700086400000
                 */
                end_date?: number;
                /**
                 * @description The page to return, a positive integer starting with 1.
                 * @example 1
                 */
                page_number?: number;
                /**
                 * @description The number of records per page. The upper limit of 1000 is a project assumption.
                 * @example 500
                 */
                page_size?: number;
                /**
                 * @description Start date, UTC epoch milliseconds, inclusive. If blank, all records are considered.
                 * @example 1700000000000
                 */
                start_date?: number;
            };
            header?: never;
            path: {
                /**
                 * @description Bot key, from the portal's Developer Settings.
                 * @example 1a1c9bfa5e0f41ed
                 */
                botKey: components["parameters"]["botKey"];
                /**
                 * @description The user identifier, from the users list. May be a phone number (WhatsApp users).
                 * @example 919812345678
                 */
                channelUserId: string;
                /**
                 * @description Customer identifier, from the portal's Developer Settings.
                 * @example 10294
                 */
                customerId: components["parameters"]["customerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the user's chat history. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatHistoryResponse"];
                };
            };
            400: components["responses"]["BadRequestHistory"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    getMatchingUsers: {
        parameters: {
            query: {
                /**
                 * @description The name of the attribute associated with the user.
                 * @example c1
                 */
                attribute_name: string;
                /**
                 * @description The value of the attribute associated with the user.
                 * @example straberry
                 */
                attribute_value: string;
            };
            header?: never;
            path: {
                /**
                 * @description Bot key, from the portal's Developer Settings.
                 * @example 1a1c9bfa5e0f41ed
                 */
                botKey: components["parameters"]["botKey"];
                /**
                 * @description Customer identifier, from the portal's Developer Settings.
                 * @example 10294
                 */
                customerId: components["parameters"]["customerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The matching users. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsersResponse"];
                };
            };
            400: components["responses"]["BadRequestUsers"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
}
