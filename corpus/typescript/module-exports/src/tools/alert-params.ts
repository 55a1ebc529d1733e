import { z } from "zod";

const params = z.object({
  region: z.string().describe("Region code"),
});

export default params;
