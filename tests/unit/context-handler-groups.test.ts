import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  groupsFromAttributes,
  maxGroupValues,
  plainRoleAttributes,
  privilegesAttribute,
} from "../../sync-server/sso/saml/context-handler-groups.ts";
import { emailAttributes } from "../../sync-server/sso/saml/identity-attributes.ts";
import { privilegeList } from "../helpers/saml-idp.ts";

const analyst = "http://horsens.dk/roles/jobrole/borgerpuls/analytiker/1";
const chief = "http://horsens.dk/roles/jobrole/borgerpuls/chef/1";
const orgUnit = "http://sts.kombit.dk/constraints/orgenhed/1";

describe("groupsFromAttributes (KOMBIT Context Handler roles → mapping groups)", () => {
  it("reads every Privilege of a base64 privilege list, and each data limit as its own value", () => {
    const encoded = privilegeList([
      { privileges: [analyst] },
      { privileges: [chief], constraints: [{ name: orgUnit, value: "borgerservice-nord" }] },
    ]);
    expect(groupsFromAttributes({ [privilegesAttribute]: encoded })).toEqual({
      groups: [analyst, chief, `${chief}?${orgUnit}=borgerservice-nord`],
      problems: [],
    });
  });

  it("accepts the list as plain XML too, and one value or several per attribute", () => {
    const xml = Buffer.from(privilegeList([{ privileges: [analyst] }]), "base64").toString();
    expect(groupsFromAttributes({ [privilegesAttribute]: [xml, xml] }).groups).toEqual([analyst]);
  });

  it("adds plain role URIs from the role attributes, deduplicated", () => {
    const result = groupsFromAttributes({
      "http://schemas.microsoft.com/ws/2008/06/identity/claims/role": [analyst, " BP-Chefer "],
      groups: "BP-Chefer",
      unrelated: "BP-Admins",
    });
    expect(result.groups).toEqual([analyst, "BP-Chefer"]);
  });

  it("reports a broken privilege list instead of throwing, and keeps the other roles", () => {
    const broken = Buffer.from("<PrivilegeList><PrivilegeGroup>").toString("base64");
    const result = groupsFromAttributes({
      [privilegesAttribute]: [broken, "!!not base64!!", Buffer.from("<Other/>").toString("base64")],
      roles: analyst,
    });
    expect(result.groups).toEqual([analyst]);
    expect(result.problems).toHaveLength(3);
  });

  it("never reads inherited keys and ignores values that are not text", () => {
    const attributes = Object.create({ roles: analyst }) as Record<string, unknown>;
    attributes.groups = [{ nested: true }, 7, null];
    expect(groupsFromAttributes(attributes)).toEqual({ groups: [], problems: [] });
  });

  it("caps the number of values one assertion can bring", () => {
    const many = Array.from({ length: maxGroupValues + 5 }, (_, n) => `group-${n}`);
    const result = groupsFromAttributes({ groups: many });
    expect(result.groups).toHaveLength(maxGroupValues);
    expect(result.problems).toHaveLength(1);
  });
});

describe("README's SAML guide", () => {
  it("names every attribute the SP reads", () => {
    const readme = readFileSync("README.md", "utf8");
    for (const name of [privilegesAttribute, ...plainRoleAttributes, ...emailAttributes]) {
      expect(readme, name).toContain(`\`${name}\``);
    }
  });
});
