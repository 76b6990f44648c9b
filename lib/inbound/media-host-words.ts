// Words the browser shows too: this file imports nothing, so no server module is bundled with it.

/** Shown on an attachment whose address was not Twilio's: nothing was fetched, and a retry would not fetch it either. */
export const MEDIA_HOST_REFUSED = "Its address is not on Twilio's media host, and the app sends its Twilio credentials nowhere else.";
