// Each class starts worker processes of its own, and one kills its worker mid-invocation while another drains a
// thousand messages to measure the host: run one class at a time so neither starves the other of the machine's cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
