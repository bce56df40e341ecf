/**
 * The spec's `ErrorBody` (contracts/openapi/mybot.yaml, components.schemas.ErrorBody):
 * one shape for every error status, with the vendor's texts for 1002, 1003 and 1004.
 *
 * @module
 */

/** The documented errors, by name. */
export const ERRORS = {
  invalidParameter: {
    status: 400,
    errorCode: 1000,
    errorMessage: "INVALID_REQUEST_PARAMETER",
    errorDetails: "",
  },
  invalidIds: {
    status: 400,
    errorCode: 1002,
    errorMessage: "INVALID_BOT_OR_CUSTOMER_ID",
    errorDetails: "The bot id/customer id/user id provided is invalid",
  },
  invalidDates: {
    status: 400,
    errorCode: 1003,
    errorMessage: "INVALID_INPUT_DATE_VALUE",
    errorDetails:
      "The start_date and end_date values are the time in milliseconds and the end_date should be greater than start_date.",
  },
  invalidPageNumber: {
    status: 400,
    errorCode: 1004,
    errorMessage: "INVALID_PAGE_NUMBER",
    errorDetails:
      "Please enter the correct page number. The page number in the API is a positive integer value starting with 1.",
  },
  unauthorized: {
    status: 401,
    errorCode: 401,
    errorMessage: "UNAUTHORIZED",
    errorDetails: "The API key is missing, invalid or revoked.",
  },
  forbidden: {
    status: 403,
    errorCode: 403,
    errorMessage: "FORBIDDEN",
    errorDetails: "The API key does not grant access to this customer or bot.",
  },
  notFound: {
    status: 404,
    errorCode: 404,
    errorMessage: "NOT_FOUND",
    errorDetails: "No such customer or bot.",
  },
  tooManyRequests: {
    status: 429,
    errorCode: 429,
    errorMessage: "TOO_MANY_REQUESTS",
    errorDetails: "Too many requests; retry later.",
  },
  serverError: {
    status: 500,
    errorCode: 500,
    errorMessage: "INTERNAL_SERVER_ERROR",
    errorDetails: "Server-side API failure.",
  },
  badGateway: {
    status: 502,
    errorCode: 502,
    errorMessage: "BAD_GATEWAY",
    errorDetails: "Server-side API failure.",
  },
  unavailable: {
    status: 503,
    errorCode: 503,
    errorMessage: "SERVICE_UNAVAILABLE",
    errorDetails: "Server-side API failure.",
  },
} as const;

/** A documented error. */
export type ErrorSpec = {
  status: number;
  errorCode: number;
  errorMessage: string;
  errorDetails: string;
};

/**
 * A JSON error response; `details` replaces the default text where the case needs saying.
 *
 * @example
 * ```ts
 * errorResponse(ERRORS.invalidPageNumber);
 * ```
 */
export function errorResponse(
  error: ErrorSpec,
  details?: string,
  headers?: Record<string, string>,
): Response {
  const { status, ...body } = error;
  return Response.json(
    { ...body, errorDetails: details ?? body.errorDetails },
    { status, headers },
  );
}

/** The error body for a status with no more specific error. */
export function errorForStatus(status: number): ErrorSpec {
  const found = Object.values(ERRORS).find((e) => e.status === status && e.errorCode === status);
  return (
    found ?? {
      status,
      errorCode: status,
      errorMessage: "ERROR",
      errorDetails: "Server-side API failure.",
    }
  );
}
