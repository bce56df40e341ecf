import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectAsReference } from "../test/reference-property.ts";
import { maskAttribute, maskPersonalData } from "./mask.ts";

/** The masks as they were written first, as regexes: right, but quadratic on hostile text. */
function oracle(text: string): string {
  return text
    .replace(/([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g, "$1•••@$2")
    .replace(/\+?\d[\d ()-]{6,}\d/g, (phone) => {
      const digits = phone.replace(/\D/g, "");
      return digits.length >= 8 ? `•••${digits.slice(-3)}` : phone;
    });
}

describe("maskPersonalData", () => {
  it("masks exactly what the regexes masked, on text built from their edge cases", () => {
    const piece = fc.constantFrom(
      "a",
      "Z",
      "9",
      "0",
      ".",
      "-",
      "_",
      "%",
      "+",
      "@",
      " ",
      "(",
      ")",
      "\n",
      "é",
      "com",
      "example.com",
      "asha.rao@",
      "98123 45678",
      "+91",
    );
    expectAsReference(piece, 40, maskPersonalData, oracle);
  });

  it("keeps the known examples", () => {
    expect(maskPersonalData("mail asha.rao@example.com or call +91 98123 45678")).toBe(
      "mail a•••@example.com or call •••678",
    );
    expect(maskPersonalData("x@example.com.123, a@b@c.io")).toBe(
      "x•••@example.com.123, a@b•••@c.io",
    );
    expect(maskPersonalData("1234567 and 12345678")).toBe("1234567 and •••678");
  });
});

describe("maskAttribute", () => {
  it("masks an email or phone attribute whole, by its name, and other attributes by pattern", () => {
    expect(maskAttribute("email", "asha@localhost")).toBe("a•••@localhost");
    expect(maskAttribute("E-Mail", "not an address")).toBe("•••");
    expect(maskAttribute("phone", "12345")).toBe("•••345");
    expect(maskAttribute("mobile_no", "12")).toBe("•••");
    expect(maskAttribute("whatsapp", "+91 98123 45678")).toBe("•••678");
    expect(maskAttribute("plan", "gold")).toBe("gold");
    expect(maskAttribute("note", "call 9812345678")).toBe("call •••678");
  });

  it("reads the attribute's name as words: whole contact words mask, words that only contain one do not", () => {
    for (const name of [
      "email",
      "E-Mail",
      "e_mail",
      "userEmail",
      "EMAIL_ADDRESS",
      "emailAddress",
      "work mail",
      "email2",
    ])
      expect(maskAttribute(name, "asha@localhost"), name).toBe("a•••@localhost");
    for (const name of [
      "phone",
      "phoneNumber",
      "mobile_no",
      "Tel",
      "telephone",
      "cell",
      "cellPhone",
      "MSISDN",
      "WhatsApp",
      "whatsapp_id",
      "HOMEPhone",
    ])
      expect(maskAttribute(name, "12345"), name).toBe("•••345");
    // Words that merely contain one: masked by pattern only, like any other attribute.
    for (const name of ["cancellation", "excellent", "voicemail", "hotel", "telegram", "mailing"])
      expect(maskAttribute(name, "12345 asha@localhost"), name).toBe("12345 asha@localhost");
  });
});
