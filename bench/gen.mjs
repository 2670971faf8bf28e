// gen.mjs - writes a large, varied Zena program for the compile-speed benchmark.
//
//   node bench/gen.mjs LINES > big.zena
//
// The program is a chain of units, each a few dozen lines mixing what the
// compiler supports: classes with fields, methods and overrides, enums,
// functions with loops and if/else, closures, strings and templates, arrays
// and match.  Every unit calls the one before it, so all of it is reachable
// from main (dead-code elimination does not make the benchmark trivial).
// Names, constants and operators vary from unit to unit.

const target = Number(process.argv[2] || 100000);
const ops = ['+', '-', '*', '^', '|', '&'];
const cmps = ['<', '<=', '>', '>=', '!='];
let out = [];
let lines = 0;
const emit = (s) => { out.push(s); lines += s.split('\n').length; };

const unit = (k) => {
  const op = ops[k % ops.length];
  const op2 = ops[(k * 7 + 3) % ops.length];
  const cmp = cmps[k % cmps.length];
  const c1 = (k * 37) % 101;
  const c2 = (k * 13) % 17 + 1;
  const prev = k === 0 ? '' : `  acc = acc + run${k - 1}(n - 1);\n`;
  emit(`enum Mode${k} { Off, Low, High${k % 3 === 0 ? ', Max' : ''} }

abstract class Base${k} {
  var count: i32 = ${c1};
  label: String;
  new(label: String) : label = label {}
  abstract weight(x: i32): i32;
  describe(): String { return \`\${this.label}:\${this.count}\`; }
  bump(by: i32): i32 {
    this.count = this.count ${op} by;
    return this.count;
  }
}

class Leaf${k} extends Base${k} {
  size: i32;
  new(size: i32) : size = size, super("leaf${k}") {}
  weight(x: i32): i32 { return this.size * x + ${c2}; }
}

class Node${k} extends Base${k} {
  left: i32;
  right: i32;
  new(left: i32, right: i32) : left = left, right = right, super("node${k}") {}
  weight(x: i32): i32 {
    if (x ${cmp} ${c2}) {
      return this.left ${op2} this.right;
    } else {
      return this.left + x;
    }
  }
  describe(): String { return \`node \${this.left}/\${this.right}\`; }
}

let mode${k} = (m: Mode${k}): i32 => match (m) {
  case Mode${k}.Off: 0
  case Mode${k}.Low: ${c2}
  case _: ${c1}
};

let classify${k} = (n: i32): String => match (n) {
  case 0: "zero"
  case 1 | 2 | ${c2 + 2}: "small"
  case x if x < 0: \`negative \${x}\`
  case _: "many"
};

let total${k} = (xs: FixedArray<i32>, f: (v: i32) => i32): i32 => {
  var s = 0;
  for (let x in xs) {
    s += f(x);
  }
  return s;
};

let run${k} = (n: i32): i32 => {
  if (n <= 0) {
    return ${c1};
  }
  var acc = 0;
  let shapes: FixedArray<Base${k}> = [new Leaf${k}(${c2}), new Node${k}(${c1}, n)];
  let base = n ${op} ${c2};
  let scale = (v: i32): i32 => v * ${c2} + base;
  for (var i = 0; i < shapes.length; i += 1) {
    acc += shapes[i].weight(i + ${k % 5});
    acc += shapes[i].bump(i);
  }
  var j = ${c2};
  while (j > 0) {
    acc = acc ${op2} j;
    j -= ${k % 3 + 1};
  }
  let words = ["u${k}", classify${k}(acc % ${c2 + 3}), shapes[0].describe()];
  var len = 0;
  for (let w in words) {
    len += w.length;
  }
  acc += total${k}([1, ${c1}, ${c2}, len], scale);
  var m = Mode${k}.Off;
  if (acc > ${c1}) {
    m = Mode${k}.Low;
  }
  acc += mode${k}(m);
${prev}  return acc;
};
`);
};

let k = 0;
while (lines < target) unit(k++);
emit(`export let main = (): i32 => {
  console.log(\`units: ${k}\`);
  return run${k - 1}(3) % 256;
};`);
process.stdout.write(out.join('\n') + '\n');
