import { describe, expect, it } from "vitest";
import { looksLikeOneTimePasscode } from "./otp";

describe("looksLikeOneTimePasscode", () => {
  it.each([
    "Your verification code is 482913",
    "G-482913 is your Google verification code",
    "Your code is 123 456",
    "Your code is 123-456. Don't share it with anyone.",
    "482913 is your Instagram code",
    "Use OTP 8841 to log in",
    "Your login code: 55120",
    "Your one-time password is 90817263",
    "2FA: 7731",
    "Your security code is 0042",
    "PIN: 4821",
    "Your confirmation code is 4821",
    "Votre code de vérification est 4829",
    "Votre code : 771203",
    "Ihr Bestätigungscode lautet 123456",
    "Ihr Code: 654321",
    "Ihr Einmalpasswort ist 98765",
    "認証コード：123456",
    "確認コードは123456です",
    "ワンタイムパスワード 482913",
    "קוד אימות: 4829",
    "הקוד שלך הוא 123456",
    "Tu código de verificación es 482913",
    "認証コード １２３４５６",
  ])("%j is a passcode", (body) => {
    expect(looksLikeOneTimePasscode(body)).toBe(true);
  });

  it.each([
    "My order number is 48291, where is it?",
    "I ordered 3 items for 1299",
    "My PIN is not working",
    "Your verification code expires in 10 minutes",
    "My discount code 4829 doesn't work",
    "The promo code SAVE20 gave me 20% off 2 items",
    "My zip code is 94107",
    "Ma commande 48291 n'est pas arrivée, code 4821",
    "Mein Rabatt-Code 1234 geht nicht",
    "Code postal 75011",
    "My order confirmation code is 48291",
    "Call me at 415 555 0100 about the code",
    "The code on the box is ORD48291",
    "The code costs 12.99",
    "Hi, where is my package?",
    "",
  ])("%j is not a passcode", (body) => {
    expect(looksLikeOneTimePasscode(body)).toBe(false);
  });
});
