export function App() {
  return <main>memscope</main>;
}
