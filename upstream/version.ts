/** Protocol version of this service; upstream/openapi.yaml info.version must say the same. */
export const API_VERSION = '1.0.0';
