// The scale benchmark (synthetic data generator, S/M/L sizes) is not built yet: it is the
// subject of the "Scale" issue. Until then this command says so instead of pretending.
console.error('npm run bench：规模基准测试尚未实现（见“Scale”议题）。 The scale benchmark is not implemented yet.');
process.exit(1);
