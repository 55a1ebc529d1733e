export class FakeRegistry {
  names: string[] = [];
  tool(name: string, _cb: () => void) {
    this.names.push(name);
  }
}

const reg = new FakeRegistry();
reg.tool("noop", () => {});
