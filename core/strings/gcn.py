"""Strings of the GCN lab (course notes 5.5: 그래프, 인접 행렬, 특성 행렬, 그래프 합성곱층, 리드아웃)."""

STRINGS = {
    "gcn.teaches": {
        "ko": "작은 그래프를 그리고 **인접 행렬**, **특성 행렬**, 그래프 합성곱의 모든 단계와 **리드아웃**을 숫자로 따라갑니다.",
        "en": "Draw a small graph and follow every number: the **adjacency matrix**, the **feature matrix**, "
        "each step of a graph convolution and the **readout**.",
    },
    # ------------------------------------------------------------ builder
    "gcn.build.title": {"ko": "1. 그래프 만들기", "en": "1. Build a graph"},
    "gcn.preset": {"ko": "예제 그래프", "en": "Example graph"},
    "gcn.preset.ethanol": {
        "ko": "분자: 에탄올 (단일 결합)",
        "en": "Molecule: ethanol (single bonds)",
    },
    "gcn.preset.benzene": {
        "ko": "분자: 벤젠 (방향족 결합)",
        "en": "Molecule: benzene (aromatic bonds)",
    },
    "gcn.preset.acetic_acid": {
        "ko": "분자: 아세트산 (이중 결합)",
        "en": "Molecule: acetic acid (a double bond)",
    },
    "gcn.preset.karate": {
        "ko": "소셜 네트워크: 재커리 가라테 클럽",
        "en": "Social network: Zachary's karate club",
    },
    "gcn.preset.citation": {
        "ko": "인용 네트워크: GNN 논문 (방향 그래프)",
        "en": "Citation network: GNN papers (directed)",
    },
    "gcn.preset.icosahedron": {"ko": "3D 메시: 정이십면체", "en": "3-D mesh: icosahedron"},
    "gcn.preset.path": {"ko": "경로 그래프", "en": "Path"},
    "gcn.preset.cycle": {"ko": "순환 그래프", "en": "Cycle"},
    "gcn.preset.star": {"ko": "별 그래프", "en": "Star"},
    "gcn.preset.complete": {"ko": "완전 그래프", "en": "Complete graph"},
    "gcn.size": {"ko": "노드 수", "en": "Number of nodes"},
    "gcn.hydrogens": {"ko": "수소 원자 표시", "en": "Show hydrogens"},
    "gcn.hydrogens_help": {
        "ko": "화학에서는 수소를 생략한 '무거운 원자' 그래프를 흔히 씁니다. 수소는 탄소·산소의 남는 결합 수로 정해지므로 "
        "정보가 늘지 않고 그래프만 커집니다.",
        "en": "Chemists often leave hydrogens implicit (a heavy-atom graph): they follow from the free bonds of "
        "C and O, so they add nodes but no information.",
    },
    "gcn.molecule_note": {
        "ko": "원자 = 노드, 결합 = 엣지 (선 굵기: 단일 · 이중, 점선: 방향족). 특성 = 원자 종류의 원-핫 벡터. "
        "수소를 끄면 무거운 원자만 남습니다 (화학에서 흔한 표기).",
        "en": "Atoms are nodes, bonds are edges (line width: single · double, dashed: aromatic). Features: the atom "
        "type, one-hot. Switch hydrogens off for the heavy-atom graph chemists usually draw.",
    },
    "gcn.molecule_note_no_h": {
        "ko": "무거운 원자만의 그래프: 수소는 생략되었습니다 (남는 결합 수로 정해지므로). 특성 = 원자 종류의 원-핫 벡터.",
        "en": "Heavy-atom graph: hydrogens are implicit (they follow from the free bonds). Features: the atom "
        "type, one-hot.",
    },
    "gcn.directed": {"ko": "방향 그래프", "en": "Directed"},
    "gcn.directed_help": {
        "ko": "켜면 엣지 표의 각 행이 화살표 출발 → 도착이 됩니다. 끄면 양쪽으로 이어진 무방향 엣지입니다.",
        "en": "On: each row of the edge table is an arrow source → target. Off: undirected edges, both ways.",
    },
    "gcn.bond_weights": {"ko": "결합 차수를 가중치로", "en": "Bond order as weight"},
    "gcn.bond_weights_help": {
        "ko": "기본 GCN은 결합 종류를 모릅니다 (모든 엣지 = 1). 켜면 단일 1, 이중 2, 삼중 3, 방향족 1.5가 인접 행렬의 값이 됩니다.",
        "en": "A plain GCN ignores bond types (every edge = 1). On: single 1, double 2, triple 3, aromatic 1.5 become "
        "the adjacency matrix's entries.",
    },
    "gcn.bond.single": {"ko": "단일 결합", "en": "single"},
    "gcn.bond.double": {"ko": "이중 결합", "en": "double"},
    "gcn.bond.triple": {"ko": "삼중 결합", "en": "triple"},
    "gcn.bond.aromatic": {"ko": "방향족 결합", "en": "aromatic"},
    "gcn.bond.none": {"ko": "—", "en": "—"},
    "gcn.drawing_hint": {
        "ko": "노드를 클릭하면 선택되고 행렬에서 그 노드의 행과 열이 강조됩니다. Shift+클릭으로 여러 개, 그림 오른쪽 위의 "
        "상자·올가미 도구로 한꺼번에 고른 뒤 아래 버튼으로 연결·삭제하세요. 파란 숫자 = 행렬의 행 번호.",
        "en": "Click a node to select it and follow its row and column in the matrices. Shift+click for more, "
        "or use the box / lasso tool at the drawing's top right, then connect or delete with the buttons below. "
        "Blue numbers = matrix rows.",
    },
    "gcn.drawing_3d_hint": {
        "ko": "3D 그림은 드래그해서 돌려 보세요. 3D에서는 노드를 아래 목록에서 고릅니다.",
        "en": "Drag to rotate the 3-D drawing. For a 3-D graph, pick nodes in the list below.",
    },
    "gcn.selected": {"ko": "선택한 노드", "en": "Selected nodes"},
    "gcn.selected_placeholder": {
        "ko": "그림에서 선택하거나 여기서 고르세요",
        "en": "Select on the drawing or here",
    },
    "gcn.connect": {"ko": "연결", "en": "Connect"},
    "gcn.connect_help": {
        "ko": "선택한 노드를 모두 서로 잇습니다 (방향 그래프: 먼저 고른 노드 → 나중 노드).",
        "en": "Joins every pair of selected nodes (directed: earlier pick → later pick).",
    },
    "gcn.disconnect": {"ko": "끊기", "en": "Unlink"},
    "gcn.disconnect_help": {
        "ko": "선택한 노드들 사이의 엣지를 지웁니다 (노드 하나만 고르면 그 노드의 자기 루프).",
        "en": "Removes the edges among the selected nodes (one node: its self-loop).",
    },
    "gcn.delete": {"ko": "삭제", "en": "Delete"},
    "gcn.add_node": {"ko": "노드 추가", "en": "Add node"},
    "gcn.nodes_tab": {
        "ko": "노드 {n}개 (특성 행렬 X)",
        "en": "{n} {n:plural:node|nodes} (feature matrix X)",
    },
    "gcn.edges_tab": {
        "ko": "엣지 {m}개 (인접 행렬 A)",
        "en": "{m} {m:plural:edge|edges} (adjacency matrix A)",
    },
    "gcn.col.label": {"ko": "이름", "en": "label"},
    "gcn.col.source": {"ko": "출발 노드", "en": "source"},
    "gcn.col.target": {"ko": "도착 노드", "en": "target"},
    "gcn.col.bond": {"ko": "결합", "en": "bond"},
    "gcn.col.weight": {"ko": "가중치", "en": "weight"},
    "gcn.nodes_hint": {
        "ko": "왼쪽 번호 = 행렬의 행 번호. 셀을 고쳐 특성을 바꾸고, 맨 아래 빈 행에 노드를 추가하고, 행을 골라 삭제하세요. "
        "빈칸·글자·NaN 특성은 0으로 바뀌고 알려 드립니다.",
        "en": "Left number = the node's row in every matrix. Edit cells to change features, add a node in the empty "
        "row at the bottom, select rows to delete them. Blank, text or NaN features become 0 (you are told).",
    },
    "gcn.edges_hint": {
        "ko": "한 행 = 무방향 엣지 하나 (출발·도착 순서는 상관없음). 가중치는 0보다 커야 하며 비워 두면 1입니다.",
        "en": "One row = one undirected edge (source and target order does not matter). Weights must be > 0; "
        "blank means 1.",
    },
    "gcn.edges_hint_directed": {
        "ko": "한 행 = 화살표 하나: 출발 → 도착. 가중치는 0보다 커야 하며 비워 두면 1입니다.",
        "en": "One row = one arrow: source → target. Weights must be > 0; blank means 1.",
    },
    "gcn.link_too_big": {
        "ko": "이 그래프는 링크에 담기에 너무 큽니다: 링크를 공유하면 예제 그래프가 열립니다 (편집 내용은 이 세션에만 있습니다).",
        "en": "This graph is too big for a link: a shared link opens the example graph (your edits stay in this "
        "session only).",
    },
    # ------------------------------------------------------------ notes on the graph and on edits
    "gcn.note.empty": {
        "ko": "그래프가 비어 있습니다. '노드 추가'를 누르거나 예제 그래프를 고르세요.",
        "en": "The graph is empty. Press 'Add node' or pick an example graph.",
    },
    "gcn.note.duplicates": {
        "ko": "같은 엣지가 두 번 이상 있습니다 ({count}개: {edges}). 인접 행렬에는 한 번만 들어갑니다 (첫 행의 가중치). "
        "PyTorch Geometric은 중복 엣지의 가중치를 더하므로 주의하세요.",
        "en": "Some edges appear more than once ({count}: {edges}). The adjacency matrix counts each once (the first "
        "row's weight). Beware: PyTorch Geometric would add duplicate edges up.",
    },
    "gcn.note.self_loops": {
        "ko": "이미 자기 루프가 있는 노드: {nodes}. Â = A + I 단계에서 이 노드들은 1을 더 받지 않고 자기 가중치를 그대로 "
        "씁니다 (PyTorch Geometric의 GCNConv와 같은 규칙).",
        "en": "Nodes that already have a self-loop: {nodes}. At Â = A + I they keep their own weight instead of "
        "getting another 1 (the rule of PyTorch Geometric's GCNConv).",
    },
    "gcn.note.isolated": {
        "ko": "이웃이 없는 고립 노드 {count}개: {nodes}. 합성곱에서는 자기 루프만 있으므로 자기 특성만 변환됩니다 (Âᵢᵢ = 1).",
        "en": "{count} isolated node(s) without neighbours: {nodes}. In the convolution they only have their "
        "self-loop, so each just transforms its own features (Âᵢᵢ = 1).",
    },
    "gcn.note.no_incoming": {
        "ko": "들어오는 화살표가 없는 노드: {nodes}. 메시지는 화살표 방향(출발 → 도착)으로만 흐르므로 이 노드들은 "
        "자기 특성만 받습니다.",
        "en": "Nodes no arrow points to: {nodes}. Messages flow only along arrows (source → target), so these "
        "nodes hear only themselves.",
    },
    "gcn.note.too_many_to_read": {
        "ko": "노드가 {n}개입니다. 행렬은 {limit}개 노드까지 읽을 수 있으므로 행렬 그림은 처음 {limit}개 행과 열만 보여 줍니다 "
        "(계산은 전체 그래프로 합니다).",
        "en": "The graph has {n} nodes. Matrices stay readable up to {limit} nodes, so the matrix figures show the "
        "first {limit} rows and columns (the computation uses the whole graph).",
    },
    "gcn.note.bad_feature": {
        "ko": "노드 {node}의 '{column}' 특성 값 '{value}': 숫자가 아니어서 0으로 바꿨습니다.",
        "en": "Node {node}: feature '{column}' = '{value}' is not a number, so it became 0.",
    },
    "gcn.note.clipped": {
        "ko": "노드 {node}의 '{column}' 특성 값이 너무 커서 ±{limit}(으)로 잘랐습니다.",
        "en": "Node {node}: feature '{column}' was too large and was clipped to ±{limit}.",
    },
    "gcn.note.nodes_deleted": {
        "ko": "노드 {count}개를 지웠습니다 (연결된 엣지 {edges}개도 함께). 뒤의 노드 번호가 당겨졌습니다.",
        "en": "Deleted {count} node(s) and the {edges} edge(s) touching them; the later nodes were renumbered.",
    },
    "gcn.note.bad_endpoint": {
        "ko": "엣지 표 {row}번 행 ({source} → {target})은 없는 노드를 가리켜 무시했습니다. 노드 번호는 0부터 {last}까지입니다.",
        "en": "Edge row {row} ({source} → {target}) names a node that does not exist and was ignored. "
        "Nodes are numbered 0 to {last}.",
    },
    "gcn.note.bad_weight": {
        "ko": "엣지 표 {row}번 행의 가중치 '{value}': 0보다 큰 숫자가 아니어서 그 엣지를 무시했습니다 "
        "(가중치 0 = 엣지 없음; 음수는 차수를 깨뜨립니다).",
        "en": "Edge row {row}: weight '{value}' is not a number above 0, so that edge was ignored (weight 0 = no edge; "
        "negative weights break the degrees).",
    },
    "gcn.error.too_many_nodes": {
        "ko": "노드는 최대 {limit}개까지 만들 수 있습니다. 편집을 적용하지 않았습니다.",
        "en": "A graph can have at most {limit} nodes here. The edit was not applied.",
    },
    "gcn.error.too_many_edges": {
        "ko": "엣지는 최대 {limit}개까지 만들 수 있습니다. 편집을 적용하지 않았습니다.",
        "en": "A graph can have at most {limit} edges here. The edit was not applied.",
    },
    # ------------------------------------------------------------ views and settings
    "gcn.view": {"ko": "보기", "en": "View"},
    "gcn.view.steps": {
        "ko": "2. 그래프 합성곱 단계별로",
        "en": "2. Graph convolution step by step",
    },
    "gcn.view.permutation": {"ko": "3. 노드 번호를 바꿔도?", "en": "3. Renumber the nodes"},
    "gcn.view.karate": {
        "ko": "4. 가라테 클럽 학습 (Kipf & Welling)",
        "en": "4. Karate club training (Kipf & Welling)",
    },
    "gcn.follow": {"ko": "따라갈 노드", "en": "Node to follow"},
    "gcn.follow_help": {
        "ko": "모든 행렬에서 이 노드의 행과 열을 테두리로 강조합니다 (그림에서 노드를 클릭해도 됩니다).",
        "en": "Its row and column are framed in every matrix (or click the node on the drawing).",
    },
    "gcn.hidden": {"ko": "은닉 크기 h", "en": "Hidden size h"},
    "gcn.hidden_help": {
        "ko": "W의 열 수 = 층이 만드는 새 특성의 개수",
        "en": "Columns of W = new features per node",
    },
    "gcn.seed": {"ko": "가중치 시드", "en": "Weight seed"},
    "gcn.seed_help": {
        "ko": "W와 b는 이 시드로 만든 무작위 값입니다 (학습 전의 층). 같은 시드 = 같은 숫자.",
        "en": "W and b are random with this seed (an untrained layer). Same seed = same numbers.",
    },
    "gcn.features": {"ko": "특성 행렬 X", "en": "Feature matrix X"},
    "gcn.features.table": {"ko": "표의 값", "en": "from the table"},
    "gcn.features.identity": {"ko": "단위 행렬 I", "en": "identity I"},
    "gcn.features.ones": {"ko": "모두 1 (특성 없음)", "en": "all ones (no features)"},
    "gcn.features_help": {
        "ko": "강의 노트: 인접 행렬만으로는 특성을 파악하기 어려우면 단위 행렬을 적용합니다.",
        "en": "The notes: when the adjacency matrix alone says too little, use the identity matrix as features.",
    },
    "gcn.readout": {"ko": "리드아웃", "en": "Readout"},
    "gcn.readout.mean": {"ko": "평균 (노트)", "en": "mean (the notes)"},
    "gcn.readout.sum": {"ko": "합", "en": "sum"},
    "gcn.readout.max": {"ko": "최댓값", "en": "max"},
    "gcn.two_layers": {"ko": "2층", "en": "2 layers"},
    "gcn.two_layers_help": {
        "ko": "그래프 합성곱층을 하나 더 쌓습니다: 2홉 떨어진 이웃의 정보까지 섞입니다.",
        "en": "Stack a second graph convolutional layer: information from 2 hops away mixes in.",
    },
    "gcn.prev": {"ko": "이전", "en": "Previous"},
    "gcn.next": {"ko": "다음", "en": "Next"},
    "gcn.play": {"ko": "재생", "en": "Play"},
    "gcn.pause": {"ko": "멈춤", "en": "Pause"},
    "gcn.step": {"ko": "단계", "en": "Step"},
    "gcn.play_help": {
        "ko": "{seconds}초마다 다음 단계로 넘어갑니다.",
        "en": "Moves to the next step every {seconds} s.",
    },
    "gcn.step.A.name": {"ko": "① A", "en": "① A"},
    "gcn.step.A_loop.name": {"ko": "② A+I", "en": "② A+I"},
    "gcn.step.D.name": {"ko": "③ D̂", "en": "③ D̂"},
    "gcn.step.A_norm.name": {"ko": "④ 정규화 Â", "en": "④ normalised Â"},
    "gcn.step.X.name": {"ko": "⑤ X", "en": "⑤ X"},
    "gcn.step.XW.name": {"ko": "⑥ XW", "en": "⑥ XW"},
    "gcn.step.AXW.name": {"ko": "⑦ ÂXW", "en": "⑦ ÂXW"},
    "gcn.step.H.name": {"ko": "⑧ +b, ReLU → H", "en": "⑧ +b, ReLU → H"},
    "gcn.step.layer2.name": {"ko": "⑨ 2층", "en": "⑨ layer 2"},
    "gcn.step.readout.name": {"ko": "⑩ 리드아웃", "en": "⑩ readout"},
    "gcn.cut_caption": {
        "ko": "노드 {n}개 중 처음 {limit}개의 행·열만 그렸습니다. 숫자는 전체 그래프로 계산한 값입니다.",
        "en": "Only the first {limit} of {n} nodes' rows and columns are drawn; the numbers come from the whole graph.",
    },
    "gcn.cut_note": {"ko": "처음 {limit}개만", "en": "first {limit} only"},
    "gcn.none": {"ko": "없음", "en": "none"},
    "gcn.yes": {"ko": "예", "en": "yes"},
    "gcn.no": {"ko": "아니요", "en": "no"},
    # ------------------------------------------------------------ the steps
    "gcn.step.A.text": {
        "ko": "**인접 행렬** A (1단계): 노드 n개를 n × n 행렬로 나타냅니다. Aᵢⱼ는 i와 j의 관련성 여부 "
        "(엣지가 있으면 그 가중치, 없으면 0, 빈칸)입니다. 노드 **{node}**의 행에는 0이 아닌 값이 {count}개: {neighbours}.",
        "en": "The **adjacency matrix** A (step 1 of the notes): n nodes become an n × n matrix. Aᵢⱼ says whether "
        "i and j are related (the edge's weight, or 0, left blank). Row **{node}** has {count} non-zero "
        "entries: {neighbours}.",
    },
    "gcn.step.A.symmetric": {
        "ko": "무방향 그래프이므로 A는 대칭입니다: 엣지 i–j가 (i, j)와 (j, i)에 모두 들어갑니다.",
        "en": "The graph is undirected, so A is symmetric: an edge i–j fills both (i, j) and (j, i).",
    },
    "gcn.step.A.directed": {
        "ko": "방향 그래프: 화살표 j → i가 있을 때 Aᵢⱼ ≠ 0입니다. 행 i = i가 메시지를 **받는** 노드들 "
        "(PyTorch Geometric의 규칙: 메시지는 출발 → 도착으로 흐름). 대칭인가? {symmetric}. "
        "책에 따라 i → j를 Aᵢⱼ로 쓰기도 하는데, 그때는 층이 Aᵀ를 씁니다.",
        "en": "Directed: Aᵢⱼ ≠ 0 when there is an arrow j → i. Row i = the nodes i **receives** from (PyTorch "
        "Geometric's rule: messages flow source → target). Symmetric? {symmetric}. Some books write i → j as "
        "Aᵢⱼ; the layer then uses Aᵀ.",
    },
    "gcn.step.A_loop.text": {
        "ko": "Â = A + I: 노드마다 자기 루프(대각선의 1)를 더해, 이웃을 모을 때 자기 특성도 함께 들어가게 합니다. "
        "{added}개 노드가 대각선에 1을 받았습니다.",
        "en": "Â = A + I: every node gets a self-loop (a 1 on the diagonal) so that its own features count when it "
        "gathers its neighbours'. {added} node(s) got a 1 on the diagonal.",
    },
    "gcn.step.A_loop.kept": {
        "ko": "{kept}개 노드({nodes})는 이미 자기 루프가 있어 그 가중치를 그대로 둡니다 (PyTorch Geometric의 GCNConv와 같음).",
        "en": "{kept} node(s) ({nodes}) already had a self-loop and keep its weight (as PyTorch Geometric's "
        "GCNConv does).",
    },
    "gcn.step.D.text": {
        "ko": "**차수 행렬** D̂는 대각 행렬입니다: D̂ᵢᵢ = Â의 i행의 합 = 이웃 수(가중치 합) + 자기 루프. "
        "노드 **{node}**: {neighbours} + {loop} = **{degree}**.",
        "en": "The **degree matrix** D̂ is diagonal: D̂ᵢᵢ = the sum of row i of Â = the (weighted) number of "
        "neighbours + the self-loop. Node **{node}**: {neighbours} + {loop} = **{degree}**.",
    },
    "gcn.step.D.directed": {
        "ko": "방향 그래프: 차수는 들어오는 화살표만 셉니다 (진입 차수 + 1).",
        "en": "Directed: the degree counts only arrows coming in (in-degree + 1).",
    },
    "gcn.step.A_norm.text": {
        "ko": "정규화: 각 값을 두 노드 차수의 제곱근으로 나눕니다, Âᵢⱼ / √(d̂ᵢ d̂ⱼ). 예: 노드 {node}와(과) {other}: "
        "{a} / √({di} × {dj}) = **{value}**. 노드 {node}의 행 합 = {row_sum}.",
        "en": "Normalisation: every entry is divided by the square root of both degrees, Âᵢⱼ / √(d̂ᵢ d̂ⱼ). "
        "E.g. nodes {node} and {other}: {a} / √({di} × {dj}) = **{value}**. Row {node} sums to {row_sum}.",
    },
    "gcn.step.A_norm.compare": {
        "ko": "오른쪽은 행 정규화 D̂⁻¹Â: 모든 행의 합이 1인 단순 평균입니다. GCN의 대칭 정규화는 연결이 많은 이웃의 "
        "메시지를 더 작게 만들고, 행렬이 대칭으로 남습니다 (무방향 그래프일 때).",
        "en": "Right: the row-normalised D̂⁻¹Â, a plain average whose rows all sum to 1. The GCN's symmetric "
        "normalisation also shrinks messages from neighbours with many links, and stays symmetric (for an "
        "undirected graph).",
    },
    "gcn.step.A_norm.directed": {
        "ko": "방향 그래프: d̂ⱼ는 j의 진입 차수이므로, 정규화된 행렬도 대칭이 아닙니다.",
        "en": "Directed: d̂ⱼ is j's in-degree, so the normalised matrix is not symmetric either.",
    },
    "gcn.step.X.text": {
        "ko": "**특성 행렬** X (2단계): 노드마다 한 행, 특성마다 한 열 ({n} × {f}). 각 행은 그 노드가 고른 특성들에 대해 "
        "갖는 값입니다. 특성: {names}.",
        "en": "The **feature matrix** X (step 2 of the notes): one row per node, one column per feature ({n} × {f}). "
        "Each row holds that node's values of the chosen features: {names}.",
    },
    "gcn.step.X.table": {
        "ko": "지금은 노드 표의 특성을 씁니다 (표에서 직접 고칠 수 있습니다).",
        "en": "These are the node table's features (edit them there).",
    },
    "gcn.step.X.identity": {
        "ko": "X = I (단위 행렬): 특성이 없을 때 노드마다 자기만의 원-핫 번호를 줍니다 (노트: 단위 행렬 적용).",
        "en": "X = I (the identity): without features, each node gets its own one-hot id (the notes' choice).",
    },
    "gcn.step.X.ones": {
        "ko": "모든 노드의 특성이 1 하나뿐입니다: 이제 노드를 구별하는 것은 그래프 구조(차수)뿐입니다.",
        "en": "Every node has the single feature 1: now only the graph's structure (degrees) tells nodes apart.",
    },
    "gcn.step.XW.text": {
        "ko": "가중치 W ({f} × {h}, 시드 {seed}의 무작위 값, PyG GCNConv처럼 Glorot 초기화)가 각 노드의 특성 {f}개를 새 특성 "
        "{h}개로 섞습니다. 모든 노드가 같은 W를 씁니다: 이미지의 모든 픽셀이 같은 필터를 쓰는 합성곱처럼. "
        "노드 {node}의 행 = x W.",
        "en": "The weights W ({f} × {h}, random with seed {seed}, Glorot like PyG's GCNConv) mix each node's {f} "
        "{f:plural:feature|features} into {h} new {h:plural:one|ones}. Every node uses the same W, as every pixel shares one filter in an image "
        "convolution. Row {node} = x W.",
    },
    "gcn.step.AXW.text": {
        "ko": "이제 그래프가 작동합니다: Â X W의 {node}행은 노드 {node}와(과) 이웃들의 XW 행을 Â의 {node}행 값으로 가중합한 "
        "것입니다 ({count}개 항). 이미지 합성곱이 주변 픽셀을 모으듯, 그래프 합성곱은 이웃 노드를 모읍니다.",
        "en": "Now the graph acts: row {node} of Â X W is the weighted sum of the XW rows of node {node} and its "
        "neighbours, weighted by row {node} of Â ({count} {count:plural:term|terms}). An image convolution gathers neighbouring "
        "pixels; a graph convolution gathers neighbouring nodes.",
    },
    "gcn.step.AXW.directed": {
        "ko": "방향 그래프: 노드는 자기에게 화살표를 보내는 노드만 더합니다. 아무도 가리키지 않는 노드는 자기 행만 남습니다.",
        "en": "Directed: a node only sums the nodes with an arrow into it; a node nobody points to keeps only its "
        "own row.",
    },
    "gcn.step.H.text": {
        "ko": "편향 b(= {b})를 더하고 ReLU(음수 → 0)를 적용하면 새 특성 행렬 H가 됩니다. {total}개 중 {zeros}개가 0입니다. "
        "노드 {node}: {before} → {after}.",
        "en": "Add the bias b = {b} and apply ReLU (negatives → 0): the result is the new feature matrix H. "
        "{zeros} of {total} entries are 0. Node {node}: {before} → {after}.",
    },
    "gcn.step.layer2.text": {
        "ko": "같은 층을 H에 한 번 더 적용합니다 (새 W², b²): H² = ReLU(Â H W² + b²). 이제 노드 {node}은(는) 2홉 떨어진 "
        "노드(이웃의 이웃)의 정보까지 받습니다.",
        "en": "The same layer once more, on H (new W², b²): H² = ReLU(Â H W² + b²). Node {node} now receives "
        "information from 2 hops away (neighbours of neighbours).",
    },
    "gcn.step.layer2.off": {
        "ko": "2층이 꺼져 있습니다. 위의 '2층'을 켜면 그래프 합성곱층을 하나 더 쌓습니다. 리드아웃은 1층의 H를 읽습니다.",
        "en": "The second layer is off. Switch 'Two layers' on above to stack another graph convolutional layer. "
        "The readout reads the first layer's H.",
    },
    "gcn.step.readout.text": {
        "ko": "**리드아웃**: 특성 행렬을 하나의 벡터로 바꿉니다. 전체 노드 {n}개의 특성 벡터에 대해 열마다 {how}을(를) "
        "구해 그래프 전체를 표현하는 벡터 h_G (길이 {h})를 만듭니다: {vector}.",
        "en": "The **readout** turns the feature matrix into one vector: the {how} of each column over all {n} "
        "{n:plural:node|nodes} gives h_G (length {h}) = {vector}, one vector for the whole graph.",
    },
    "gcn.step.readout.mean": {
        "ko": "평균은 강의 노트의 방법입니다: 그래프 크기와 상관없이 값의 범위가 같습니다.",
        "en": "The mean is the notes' choice: its scale does not depend on the graph's size.",
    },
    "gcn.step.readout.sum": {
        "ko": "합은 노드 수도 함께 담습니다: 큰 그래프일수록 값이 커집니다.",
        "en": "The sum also carries the number of nodes: bigger graphs give bigger values.",
    },
    "gcn.step.readout.max": {
        "ko": "최댓값은 열마다 가장 강한 노드 하나의 값을 고릅니다.",
        "en": "The max picks, per column, the value of the strongest node.",
    },
    "gcn.title.A": {"ko": "A (인접 행렬)", "en": "A (adjacency matrix)"},
    "gcn.title.A_loop": {"ko": "Â = A + I (자기 루프)", "en": "Â = A + I (self-loops)"},
    "gcn.title.D": {"ko": "D̂ (차수 행렬)", "en": "D̂ (degree matrix)"},
    "gcn.title.A_norm": {"ko": "D̂⁻½ Â D̂⁻½ (GCN)", "en": "D̂⁻½ Â D̂⁻½ (GCN)"},
    "gcn.title.A_row": {"ko": "D̂⁻¹ Â (행 평균, 비교용)", "en": "D̂⁻¹ Â (row average, to compare)"},
    "gcn.title.X": {"ko": "X (특성 행렬, {n} × {f})", "en": "X (feature matrix, {n} × {f})"},
    "gcn.title.W": {"ko": "W ({f} × {h})", "en": "W ({f} × {h})"},
    "gcn.title.XW": {"ko": "X W", "en": "X W"},
    "gcn.title.AXW": {"ko": "Â X W", "en": "Â X W"},
    "gcn.title.Z": {"ko": "Â X W + b (ReLU 전)", "en": "Â X W + b (before ReLU)"},
    "gcn.title.H": {"ko": "H = ReLU(Â X W + b)", "en": "H = ReLU(Â X W + b)"},
    "gcn.title.H2": {"ko": "H² = ReLU(Â H W² + b²)", "en": "H² = ReLU(Â H W² + b²)"},
    "gcn.title.readout": {
        "ko": "H와 리드아웃 ({how}) → h_G",
        "en": "H and its readout ({how}) → h_G",
    },
    # ------------------------------------------------------------ permutation
    "gcn.perm.intro": {
        "ko": "노드 번호는 우리가 붙인 이름일 뿐입니다. 번호를 무작위로 바꾸면 (순열 P) A는 P A Pᵀ, X는 P X가 됩니다. "
        "같은 층(같은 W, b)을 적용하면 H의 행도 똑같이 자리만 바뀌고 (**순열 등변성**), 리드아웃 벡터는 그대로입니다 "
        "(**순열 불변성**).",
        "en": "Node numbers are just names we gave. Renumber the nodes at random (a permutation P): A becomes P A Pᵀ and "
        "X becomes P X. The same layer (same W, b) gives an H whose rows move the same way (**permutation "
        "equivariance**), and the readout vector does not change (**permutation invariance**).",
    },
    "gcn.perm.too_small": {
        "ko": "노드가 2개 이상 있어야 번호를 바꿀 수 있습니다.",
        "en": "Renumbering needs at least 2 nodes.",
    },
    "gcn.perm.seed": {"ko": "순열 시드", "en": "Permutation seed"},
    "gcn.perm.shuffle": {"ko": "번호 다시 섞기", "en": "Shuffle the numbers again"},
    "gcn.perm.mapping": {
        "ko": "새 번호 ← 옛 번호: {mapping}. 오른쪽 행렬의 행 이름은 '새 번호←옛 노드', 열은 새 번호입니다. "
        "따라가는 노드는 양쪽에서 테두리로 표시됩니다.",
        "en": "New number ← old node: {mapping}. Rows on the right are named 'new←old node', columns are new numbers. "
        "The followed node is framed on both sides.",
    },
    "gcn.perm.A": {"ko": "A (원래 번호)", "en": "A (original numbers)"},
    "gcn.perm.A_perm": {"ko": "P A Pᵀ (새 번호)", "en": "P A Pᵀ (new numbers)"},
    "gcn.perm.X": {"ko": "X (원래 번호)", "en": "X (original numbers)"},
    "gcn.perm.X_perm": {"ko": "P X (새 번호)", "en": "P X (new numbers)"},
    "gcn.perm.H": {"ko": "H = 층(A, X)", "en": "H = layer(A, X)"},
    "gcn.perm.H_perm": {"ko": "층(P A Pᵀ, P X)", "en": "layer(P A Pᵀ, P X)"},
    "gcn.perm.equivariance": {
        "ko": "층(P A Pᵀ, P X)와 P H의 최대 차이: **{error}** (부동소수점 반올림 수준의 0).",
        "en": "Largest difference between layer(P A Pᵀ, P X) and P H: **{error}** (zero up to floating-point rounding).",
    },
    "gcn.perm.invariance": {
        "ko": "리드아웃 ({how}): 원래 {before}, 번호를 바꾼 뒤 {after}, 차이 **{error}**. 그래프 전체의 벡터는 "
        "노드 번호와 무관합니다.",
        "en": "Readout ({how}): original {before}, renumbered {after}, difference **{error}**. The whole graph's vector "
        "does not depend on how the nodes are numbered.",
    },
    # ------------------------------------------------------------ karate club
    "gcn.karate.intro": {
        "ko": "재커리 가라테 클럽(34명의 친구 관계)은 강사(노드 0)와 관리자(노드 33)의 갈등으로 두 파벌로 갈라졌습니다. "
        "Kipf & Welling의 실험: X = I인 3층 GCN(34 → 4 → 4 → 2, tanh)은 **학습 전에도** 2차원 임베딩에서 "
        "파벌끼리 모이는 경향이 있고, 파벌마다 **한 명의 라벨**만으로 학습하면 나머지 32명을 맞힙니다. "
        "학습은 PyTorch의 자동 미분(autograd)과 torch.optim.Adam으로 합니다. 이 실험은 위의 그래프가 아니라 가라테 클럽 그래프를 씁니다 "
        "(위에서 예제 그래프로 고르면 그 행렬들을 볼 수 있습니다).",
        "en": "Zachary's karate club (friendships of 34 members) split into two factions after a conflict between the "
        "instructor (node 0) and the administrator (node 33). Kipf & Welling's demo: a 3-layer GCN with X = I "
        "(34 → 4 → 4 → 2, tanh) tends to group the factions in its 2-D embedding **before any training**, and "
        "training with **one labelled member per faction** recovers the other 32. Training uses PyTorch's "
        "autograd and torch.optim.Adam. This demo uses the karate-club graph, not the one above (pick it as the "
        "example graph above to see its matrices).",
    },
    "gcn.karate.seed": {"ko": "초기 가중치 시드", "en": "Initial weight seed"},
    "gcn.karate.seed_help": {
        "ko": "학습 전 임베딩이 얼마나 잘 모이는지는 무작위 가중치에 따라 다릅니다: 다른 시드도 해 보세요.",
        "en": "How well the untrained embedding groups depends on the random weights: try other seeds.",
    },
    "gcn.karate.train": {"ko": "학습 시작", "en": "Train"},
    "gcn.karate.pause": {"ko": "일시 정지", "en": "Pause"},
    "gcn.karate.again": {"ko": "처음부터 다시 학습", "en": "Train again"},
    "gcn.karate.reset": {"ko": "초기화", "en": "Reset"},
    "gcn.karate.epoch": {"ko": "에포크", "en": "epoch"},
    "gcn.karate.loss": {"ko": "손실 (라벨 2개)", "en": "loss (2 labels)"},
    "gcn.karate.accuracy": {"ko": "정확도 (라벨 없는 32명)", "en": "accuracy (32 unlabelled)"},
    "gcn.karate.gain": {
        "ko": "학습 전보다 {points:+.0f}%p",
        "en": "{points:+.0f} pts vs untrained",
    },
    "gcn.karate.grouping": {"ko": "학습 전 임베딩 묶임", "en": "untrained embedding"},
    "gcn.karate.grouping_note": {
        "ko": "두 숫자는 다른 것을 잽니다. 학습 전 모델의 예측은 {untrained:.0%}만 맞히지만, 학습 전 임베딩에서 각 회원을 "
        "더 가까운 라벨 회원(0 또는 33)의 파벌로 묶으면 이미 {grouping:.0%}를 맞힙니다. 무작위 가중치의 그래프 합성곱도 "
        "이웃끼리 비슷한 점을 만들어, 그래프 구조만으로 파벌이 상당히 드러납니다 (Kipf & Welling). 학습은 그 묶임을 "
        "분류기의 예측으로 바꿉니다.",
        "en": "The two numbers measure different things. The untrained model's predictions get {untrained:.0%} "
        "right, but joining each member to the nearer labelled member (0 or 33) in the untrained embedding "
        "already gets {grouping:.0%}: even with random weights, graph convolutions put neighbours close "
        "together, so the graph's structure alone reveals much of the split (Kipf & Welling). Training turns "
        "that grouping into the classifier's predictions.",
    },
    "gcn.karate.grouping_help": {
        "ko": "학습 전 임베딩에서 각 회원을 더 가까운 라벨 회원(0 또는 33)의 파벌로 정했을 때 맞힌 비율 (라벨 없는 32명 기준).",
        "en": "Untrained embedding: each member joins the faction of the nearer labelled member (0 or 33); the share "
        "of the 32 unlabelled members this gets right.",
    },
    "gcn.karate.faction0": {"ko": "강사 파벌 (Mr. Hi)", "en": "instructor's faction (Mr. Hi)"},
    "gcn.karate.faction1": {
        "ko": "관리자 파벌 (Officer)",
        "en": "administrator's faction (Officer)",
    },
    "gcn.karate.labelled": {"ko": "라벨이 있는 회원", "en": "labelled member"},
    "gcn.karate.wrong": {"ko": "틀린 예측", "en": "wrong prediction"},
    "gcn.karate.untrained": {"ko": "학습 전 2차원 임베딩", "en": "Untrained 2-D embedding"},
    "gcn.karate.after": {
        "ko": "{epoch} 에포크 후의 임베딩",
        "en": "Embedding after {epoch} {epoch:plural:epoch|epochs}",
    },
    "gcn.karate.caption": {
        "ko": "색 = 실제 파벌 (모델은 노드 {labelled}의 라벨만 봅니다). 정확도는 라벨이 없는 {unlabelled}명에 대한 값입니다. "
        "층의 활성화는 Kipf & Welling처럼 tanh입니다 (ReLU는 2차원 점을 한쪽 구석으로 잘라 버릴 수 있음).",
        "en": "Colour = true faction (the model only sees the labels of nodes {labelled}). Accuracy is measured on the "
        "{unlabelled} unlabelled members. The layers use tanh, as Kipf & Welling did (a ReLU can clip 2-D points "
        "into a corner).",
    },
    # the downloaded notebook (markdown cells)
    "gcn.notebook.title": {
        "ko": "# 그래프 합성곱 네트워크(GCN) 실습 노트북",
        "en": "# Graph convolutional networks (GCN): a notebook",
    },
    "gcn.notebook.intro": {
        "ko": "실습 화면의 현재 그래프와 설정(은닉 크기, 시드, 특성, 리드아웃, 층 수, 가라테 클럽 "
        "학습의 시드)을 그대로 재현합니다. 그래프는 아래 셀에 데이터(JSON)로 들어 있습니다. "
        "위에서부터 실행하면 화면과 같은 행렬이 나옵니다. 인터넷은 필요 없습니다.",
        "en": "This reproduces the lab's current graph and settings (hidden size, seed, features, "
        "readout, layers, the karate training's seed). The graph is stored as data (JSON) in "
        "the cell below. Run it top to bottom to get the lab's matrices. No internet needed.",
    },
    "gcn.notebook.seeded_weights_only": {
        "ko": "노트북은 층을 화면의 시드로 만든 무작위 가중치로 재현합니다. 학습된 그래프 분류기의 "
        "가중치는 노트북에 들어가지 않습니다.",
        "en": "The notebook reproduces the layer with the page's seeded random weights; the trained "
        "graph classifier's weights are not part of it.",
    },
    "gcn.notebook.graph": {
        "ko": "## 그래프\n노드의 이름, 특성, 엣지(출발, 도착, 가중치, 결합)를 데이터로 읽습니다.",
        "en": "## The graph\nThe nodes' names, features and edges (source, target, weight, bond), "
        "read as data.",
    },
    "gcn.notebook.matrices": {
        "ko": "## 인접 행렬 A와 특성 행렬 X\n**인접 행렬** A의 Aᵢⱼ는 i와 j의 관련성 여부(엣지 j → i의 "
        "가중치)입니다. **특성 행렬** X의 각 행은 선택된 특성에 대해 각 노드가 갖는 값이며, "
        "특성이 없으면 단위 행렬을 씁니다.",
        "en": "## Adjacency matrix A and feature matrix X\nIn the **adjacency matrix** A, Aᵢⱼ says "
        "whether i and j are related (the weight of the edge j → i). Each row of the **feature "
        "matrix** X holds a node's values of the chosen features; without features, the identity.",
    },
    "gcn.notebook.normalise": {
        "ko": "## 정규화\nÂ = A + I (자기 루프), 차수 행렬 D̂, 그리고 D̂^-1/2 Â D̂^-1/2 "
        "(PyTorch Geometric의 GCNConv와 같은 규칙).",
        "en": "## Normalisation\nÂ = A + I (self-loops), the degree matrix D̂, and "
        "D̂^-1/2 Â D̂^-1/2 (the rule of PyTorch Geometric's GCNConv).",
    },
    "gcn.notebook.layers": {
        "ko": "## 그래프 합성곱층\nH = ReLU(Â X W + b). 가중치는 화면과 같은 시드로 만든 Glorot "
        "무작위 값입니다. 마지막 줄은 같은 층을 torch로 계산해 비교합니다.",
        "en": "## The graph convolutional layer\nH = ReLU(Â X W + b), with Glorot random weights "
        "from the lab's seed. The last line computes the same layer in torch to compare.",
    },
    "gcn.notebook.readout": {
        "ko": "## 리드아웃\n**리드아웃**은 특성 행렬을 하나의 벡터로 변환하는 함수입니다.",
        "en": "## Readout\nThe **readout** turns the feature matrix into one vector for the graph.",
    },
    "gcn.notebook.karate": {
        "ko": "## 가라테 클럽 학습 (Kipf & Welling)\nX = I, tanh를 쓰는 그래프 합성곱층 3개와 "
        "선형 분류기. 두 파벌에서 한 명씩(노드 0과 33)만 레이블을 알고, 나머지 32명의 정확도를 "
        "잽니다. torch의 자동 미분과 torch.optim.Adam으로 학습합니다.",
        "en": "## Training on the karate club (Kipf & Welling)\nX = I, three graph convolutional "
        "layers with tanh and a linear classifier. Only one member per faction is labelled "
        "(nodes 0 and 33); the accuracy is measured on the other 32. Trained with torch's "
        "autograd and torch.optim.Adam.",
    },
    "gcn.notebook.numbers": {
        "ko": "## 화면의 숫자\n마지막 셀은 실습 화면이 보여 주는 행렬과 학습 곡선을 JSON 한 줄로 "
        "출력합니다 (큰 행렬은 크기와 합만).",
        "en": "## The lab's numbers\nThe last cell prints the lab's matrices and training curves "
        "as one line of JSON (big matrices as their shape and sums).",
    },
}

# ------------------------------------------------------------ a common mistake
STRINGS |= {
    "gcn.mistakes.title": {
        "ko": "흔한 실수: 정규화하지 않은 인접 행렬",
        "en": "Common mistake: an un-normalised adjacency matrix",
    },
    "gcn.mistakes.intro": {
        "ko": "같은 가중치로 {depth}층 GCN을 쌓고(가라테 클럽, X = I), 층마다 특성의 크기(RMS)를 잽니다. "
        "정규화된 인접 행렬 D̂^-1/2 Â D̂^-1/2는 이웃의 평균을 내지만, Â = A + I를 그대로 쓰면 이웃을 더하기만 합니다.",
        "en": "A {depth}-layer GCN with the same weights (karate club, X = I), the features' scale (RMS) measured "
        "after every layer. The normalised adjacency D̂^-1/2 Â D̂^-1/2 averages the neighbours; Â = A + I as it is "
        "only adds them up.",
    },
    "gcn.mistakes.toggle": {
        "ko": "실수하기: 정규화 없이 Â = A + I 사용",
        "en": "Make the mistake: use Â = A + I without normalising",
    },
    "gcn.mistakes.kind.normalized": {
        "ko": "정규화된 인접 행렬 (올바름)",
        "en": "normalised adjacency (correct)",
    },
    "gcn.mistakes.kind.raw": {"ko": "정규화하지 않은 Â (실수)", "en": "un-normalised Â (mistake)"},
    "gcn.mistakes.axis.scale": {"ko": "특성 크기 (RMS, 로그)", "en": "feature scale (RMS, log)"},
    "gcn.mistakes.axis.layer": {"ko": "층", "en": "layer"},
    "gcn.mistakes.col.quantity": {"ko": "항목", "en": "quantity"},
    "gcn.mistakes.row.first": {"ko": "1층 후 특성 크기", "en": "feature scale after layer 1"},
    "gcn.mistakes.row.last": {
        "ko": "{depth}층 후 특성 크기",
        "en": "feature scale after layer {depth}",
    },
    "gcn.mistakes.row.growth": {
        "ko": "층마다 곱해지는 평균 배율",
        "en": "average factor per layer",
    },
    "gcn.mistakes.row.eigenvalue": {
        "ko": "행렬의 가장 큰 고윳값",
        "en": "the matrix's largest eigenvalue",
    },
    "gcn.mistakes.symptom": {
        "ko": "증상: 특성이 층마다 약 {growth:.1f}배씩 커져 {depth}층 후 {last:.2g}에 이릅니다 (정규화하면 {norm:.2g}).",
        "en": "Symptom: the features grow about {growth:.1f}× per layer and reach {last:.2g} after {depth} layers "
        "(normalised: {norm:.2g}).",
    },
    "gcn.mistakes.spot": {
        "ko": "내 코드에서 찾기: 층마다 `h.abs().mean()`을 출력해 보세요. 깊어질수록 커지거나 0으로 사라진다면 "
        "인접 행렬을 D̂^-1/2 Â D̂^-1/2로 정규화했는지(PyG `GCNConv(normalize=True)`) 확인하세요.",
        "en": "Spot it in your code: print `h.abs().mean()` after every layer. If it grows or dies out with depth, "
        "check that the adjacency is normalised as D̂^-1/2 Â D̂^-1/2 (PyG `GCNConv(normalize=True)`).",
    },
    "gcn.mistakes.off": {
        "ko": "위 스위치를 켜면 같은 층을 정규화하지 않은 Â로 쌓아 나란히 보여 줍니다.",
        "en": "Switch it on to stack the same layers on the un-normalised Â, side by side.",
    },
    # ------------------------------------------------------------ graph classification
    "gcn.view.classify": {
        "ko": "5. 그래프 분류 (리드아웃 학습)",
        "en": "5. Graph classification (a readout that learns)",
    },
    "gcn.cls.intro": {
        "ko": "리드아웃은 특성 행렬을 그래프 전체를 대표하는 벡터 h_G 하나로 바꿉니다. 그 벡터로 **그래프 전체**를 "
        "분류해 봅니다: 분자 모양 그래프(원자 C, N, O, S, Cl과 단일·이중 결합)를 규칙으로 만들고, "
        "GCN 층 → 리드아웃 → 선형 분류기를 PyTorch(자동 미분, torch.optim.Adam)로 학습합니다. "
        "그래프의 75 %로 학습하고 나머지 25 %로 정확도를 잽니다.",
        "en": "The readout turns the feature matrix into one vector h_G that represents the whole graph. Here that "
        "vector classifies **whole graphs**: molecule-like graphs (atoms C, N, O, S, Cl with single and double "
        "bonds) generated by a known rule, and a model of GCN layers → readout → linear classifier trained with "
        "PyTorch (autograd, torch.optim.Adam). It learns on 75 % of the graphs and is tested on the other 25 %.",
    },
    "gcn.cls.data": {"ko": "데이터", "en": "Data"},
    "gcn.cls.data_help": {
        "ko": "정해진 규칙으로 만든 과제 세 가지, 또는 TU 형식 zip 올리기",
        "en": "Three tasks generated by a known rule, or upload a TU-format zip",
    },
    "gcn.cls.data.proportion": {
        "ko": "비율: 원자의 1/3 넘게 O인가? (평균)",
        "en": "Share: are more than 1/3 of the atoms O? (mean)",
    },
    "gcn.cls.data.count": {
        "ko": "개수: N이 4개 이상인가? (합)",
        "en": "Count: 4 or more N atoms? (sum)",
    },
    "gcn.cls.data.motif": {
        "ko": "모티프: 나이트로기(O 둘과 결합한 N)가 있는가? (최댓값)",
        "en": "Motif: is there a nitro group (N bonded to two O)? (max)",
    },
    "gcn.cls.data.upload": {"ko": "내 데이터 올리기 (TU 형식)", "en": "Upload my own (TU format)"},
    "gcn.cls.layers": {"ko": "GCN 층 수", "en": "GCN layers"},
    "gcn.cls.seed": {"ko": "시드 (분할·초기 가중치)", "en": "Seed (split, initial weights)"},
    "gcn.cls.seed_help": {
        "ko": "학습/테스트 분할과 초기 가중치를 정합니다. 같은 시드 = 같은 결과.",
        "en": "Decides the train/test split and the initial weights. Same seed = same run.",
    },
    "gcn.cls.loops": {"ko": "자기 루프 (A + I)", "en": "Self-loops (A + I)"},
    "gcn.cls.loops_help": {
        "ko": "끄면 노드가 자기 자신의 특성을 다음 층에 전하지 않습니다.",
        "en": "Off: a node does not pass its own features to the next layer.",
    },
    "gcn.cls.norm": {"ko": "정규화", "en": "Normalisation"},
    "gcn.cls.norm.sym": {"ko": "대칭 D^-½ Â D^-½ (GCN)", "en": "Symmetric D^-½ Â D^-½ (GCN)"},
    "gcn.cls.norm.row": {"ko": "행 평균 D^-1 Â", "en": "Row average D^-1 Â"},
    "gcn.cls.norm.none": {"ko": "정규화 없음 Â", "en": "None: Â"},
    "gcn.cls.dataset": {
        "ko": "그래프 {graphs}개 (노드 {nodes}개), 클래스 {classes}, 노드 종류 {types}. 학습 {train}개 / 테스트 {test}개.",
        "en": "{graphs} graphs ({nodes} nodes), classes {classes}, node types {types}. {train} to train / {test} to test.",
    },
    "gcn.cls.train": {"ko": "학습 시작", "en": "Train"},
    "gcn.cls.stop": {"ko": "멈추기 (모델은 유지)", "en": "Stop (keeps the model)"},
    "gcn.cls.resume": {"ko": "이어서 학습", "en": "Continue"},
    "gcn.cls.reset": {"ko": "처음부터", "en": "Start over"},
    "gcn.cls.press_train": {
        "ko": "**학습 시작**을 누르면 곡선이 자랍니다 (에포크 {epochs}번). PyTorch는 이때 처음 불러옵니다.",
        "en": "Press **Train** and watch the curves grow ({epochs} epochs). PyTorch is loaded at that moment.",
    },
    "gcn.cls.epoch": {"ko": "에포크", "en": "Epoch"},
    "gcn.cls.loss": {"ko": "학습 손실", "en": "Training loss"},
    "gcn.cls.train_acc": {"ko": "학습 정확도", "en": "Train accuracy"},
    "gcn.cls.test_acc": {"ko": "테스트 정확도", "en": "Test accuracy"},
    "gcn.cls.confusion": {
        "ko": "혼동 행렬 (테스트 그래프)",
        "en": "Confusion matrix (test graphs)",
    },
    "gcn.cls.true": {"ko": "실제 {name}", "en": "true {name}"},
    "gcn.cls.predicted": {"ko": "예측 {name}", "en": "pred. {name}"},
    "gcn.cls.compare": {
        "ko": "리드아웃 셋 비교 (시드 3개)",
        "en": "Compare the three readouts (3 seeds)",
    },
    "gcn.cls.compare_help": {
        "ko": "평균·합·최댓값 리드아웃을 각각 시드 3개로 학습합니다. 결과는 캐시되어 다시 누르면 바로 나옵니다.",
        "en": "Trains the mean, sum and max readouts with 3 seeds each. Results are cached: pressing again is instant.",
    },
    "gcn.cls.comparing": {"ko": "리드아웃 셋을 학습하는 중…", "en": "Training the three readouts…"},
    "gcn.cls.compared_title": {
        "ko": "리드아웃별 테스트 정확도 (막대 = 평균, 점 = 시드)",
        "en": "Test accuracy per readout (bar = mean, dots = seeds)",
    },
    "gcn.cls.seed_dot": {"ko": "시드 하나", "en": "one seed"},
    "gcn.cls.why.proportion": {
        "ko": "평균은 그래프 크기와 무관한 **비율**을 바로 읽습니다. 최댓값은 O가 있는지만 보므로 뒤처집니다. "
        "합도 따라옵니다: 합 위의 선형 분류기는 3·n_O − n을 계산할 수 있기 때문입니다.",
        "en": "The mean reads a **share** directly, whatever the size; the max only sees whether some O is there, so it "
        "falls behind. The sum keeps up: a linear classifier on sums can compute 3·n_O − n.",
    },
    "gcn.cls.why.count": {
        "ko": "합만 **개수**를 셉니다. 평균은 N의 비율만 보는데, 여기서는 두 클래스의 비율이 같습니다. "
        "최댓값은 N이 하나라도 있는지만 압니다.",
        "en": "Only the sum **counts**. The mean sees the share of N, which is alike in both classes here; the max "
        "only knows whether there is any N.",
    },
    "gcn.cls.why.motif": {
        "ko": "최댓값은 나이트로기를 알아보는 **노드 하나**의 신호를 그대로 골라냅니다. 평균은 그 신호를 큰 그래프에서 "
        "희석하고, 합은 비슷한 N–O 결합들의 신호와 섞습니다.",
        "en": "The max picks the signal of the **one node** that recognises a nitro group; the mean dilutes it in "
        "big graphs and the sum mixes it with the near misses (N bonded to one O).",
    },
    "gcn.cls.why.upload": {
        "ko": "어느 리드아웃이 나은지는 라벨이 비율, 개수, 특정 구조의 존재 중 무엇에 달렸는지에 따라 다릅니다.",
        "en": "Which readout wins depends on whether the label depends on a share, a count or the presence of a "
        "structure.",
    },
    "gcn.cls.pairs": {
        "ko": "리드아웃이 구별하지 못하는 그래프 쌍 (학습된 층의 h_G로 계산)",
        "en": "Pairs of graphs a readout cannot tell apart (h_G from the trained layers)",
    },
    "gcn.cls.pair": {"ko": "쌍", "en": "Pair"},
    "gcn.cls.pair.doubled": {
        "ko": "테스트 그래프 1번과 그 그래프를 두 벌 놓은 것",
        "en": "Test graph 1 and two copies of it side by side",
    },
    "gcn.cls.pair.rings": {
        "ko": "C 6개의 고리와 C 3개의 고리 두 개",
        "en": "A ring of 6 C and two rings of 3 C",
    },
    "gcn.cls.same": {"ko": "같음 (구별 못 함)", "en": "same (cannot tell)"},
    "gcn.cls.differs": {"ko": "다름: 차이 {gap}", "en": "differs by {gap}"},
    "gcn.cls.pairs_note": {
        "ko": "평균과 최댓값은 그래프를 두 벌 놓아도 같습니다 (합은 두 배). 모든 노드의 이웃이 똑같이 생긴 두 그래프는 "
        "GCN이 어떤 리드아웃으로도 구별하지 못합니다.",
        "en": "Mean and max stay the same when the graph is doubled (the sum doubles). Two graphs where every node's "
        "neighbourhood looks alike cannot be told apart by a GCN with any readout.",
    },
    "gcn.cls.upload": {"ko": "TU 형식 zip", "en": "TU-format zip"},
    "gcn.cls.upload_help": {
        "ko": "DS_A.txt, DS_graph_indicator.txt, DS_graph_labels.txt, (선택) DS_node_labels.txt를 담은 zip",
        "en": "A zip with DS_A.txt, DS_graph_indicator.txt, DS_graph_labels.txt and optionally DS_node_labels.txt",
    },
    "gcn.cls.upload_first": {
        "ko": "TU 형식 zip을 올리면 그 데이터로 학습합니다.",
        "en": "Upload a TU-format zip to train on it.",
    },
    "gcn.cls.download": {
        "ko": "이 데이터를 TU 형식 zip으로 받기",
        "en": "Download this data as a TU zip",
    },
    "gcn.tu.missing": {"ko": "zip에 {file} 파일이 없습니다.", "en": "The zip has no {file}."},
    "gcn.tu.several": {
        "ko": "zip에 데이터셋이 여러 개 있습니다 ({names}). 하나만 담아 주세요.",
        "en": "The zip holds several datasets ({names}). Put only one in it.",
    },
    "gcn.tu.not_zip": {
        "ko": "zip 파일로 읽을 수 없습니다.",
        "en": "This file cannot be read as a zip.",
    },
    "gcn.tu.too_big": {
        "ko": "파일이 너무 큽니다 (최대 {mb} MB).",
        "en": "The file is too big (at most {mb} MB).",
    },
    "gcn.tu.no_folder": {"ko": "{path} 폴더가 없습니다.", "en": "There is no folder {path}."},
    "gcn.tu.not_text": {
        "ko": "{file} 파일은 텍스트(UTF-8) 파일이 아닙니다.",
        "en": "{file} is not a text (UTF-8) file.",
    },
    "gcn.tu.bad_line": {
        "ko": "{file} {line}번째 줄이 정수가 아닙니다: {text}",
        "en": "{file}, line {line} is not an integer: {text}",
    },
    "gcn.tu.bad_width": {
        "ko": "{file} {line}번째 줄에는 쉼표로 나눈 숫자 {width}개가 있어야 합니다: {text}",
        "en": "{file}, line {line} should hold {width} comma-separated numbers: {text}",
    },
    "gcn.tu.empty": {"ko": "{file} 파일이 비어 있습니다.", "en": "{file} is empty."},
    "gcn.tu.too_many": {
        "ko": "그래프는 {graphs}개, 노드는 {nodes}개까지 읽습니다.",
        "en": "At most {graphs} graphs and {nodes} nodes are read.",
    },
    "gcn.tu.graph_range": {
        "ko": "{file} {line}번째 줄: 그래프 번호는 1부터 {graphs}까지여야 합니다 (라벨 파일의 줄 수).",
        "en": "{file}, line {line}: graph numbers go from 1 to {graphs} (the lines of the labels file).",
    },
    "gcn.tu.not_sorted": {
        "ko": "{file} {line}번째 줄: 노드는 그래프 순서대로 나와야 합니다.",
        "en": "{file}, line {line}: nodes must come in the order of their graphs.",
    },
    "gcn.tu.graph_empty": {
        "ko": "그래프 {graph}에 노드가 없습니다 ({file}).",
        "en": "Graph {graph} has no nodes ({file}).",
    },
    "gcn.tu.count": {
        "ko": "{file}에 {found}줄이 있지만 노드는 {expected}개입니다.",
        "en": "{file} has {found} {found:plural:line|lines} but there {expected:plural:is|are} "
        "{expected} {expected:plural:node|nodes}.",
    },
    "gcn.tu.graph_too_big": {
        "ko": "그래프 {graph}의 노드가 {nodes}개를 넘습니다.",
        "en": "Graph {graph} has more than {nodes} nodes.",
    },
    "gcn.tu.node_range": {
        "ko": "{file} {line}번째 줄: 노드 번호는 1부터 {nodes}까지여야 합니다.",
        "en": "{file}, line {line}: node numbers go from 1 to {nodes}.",
    },
    "gcn.tu.across": {
        "ko": "{file} {line}번째 줄: 엣지가 서로 다른 두 그래프를 잇습니다.",
        "en": "{file}, line {line}: the edge joins two different graphs.",
    },
    "gcn.tu.one_class": {
        "ko": "{file}에 클래스가 하나뿐입니다. 분류하려면 둘 이상 필요합니다.",
        "en": "{file} has only one class; classifying needs two or more.",
    },
    "gcn.cls.graph": {"ko": "표시할 그래프 번호", "en": "Graph to mark"},
    "gcn.cls.graph_help": {
        "ko": "데이터셋의 그래프 번호 (0부터). 별표로 표시합니다.",
        "en": "The graph's number in the dataset (from 0), marked with a star.",
    },
    "gcn.cls.embedding_title": {
        "ko": "모든 그래프의 h_G (2차원으로 투영한 주성분), 색 = 실제 클래스",
        "en": "Every graph's h_G (projected on its two main axes), colour = true class",
    },
    "gcn.cls.marked": {"ko": "표시한 그래프", "en": "marked graph"},
    "gcn.cls.marked_caption": {
        "ko": "그래프 {index}: 원자 {n}개 ({atoms}), 실제 클래스 {true}, 모델의 예측 {predicted} ({part}).",
        "en": "Graph {index}: {n} {n:plural:atom|atoms} ({atoms}), true class {true}, the model predicts {predicted} ({part}).",
    },
    "gcn.cls.part.train": {"ko": "학습용", "en": "a training graph"},
    "gcn.cls.part.test": {"ko": "테스트용", "en": "a test graph"},
    "gcn.cls.ablate": {"ko": "어블레이션 측정", "en": "Measure the ablations"},
    "gcn.cls.ablate_help": {
        "ko": "지금 설정에서 하나씩만 바꿔 학습합니다 (자기 루프, 정규화, 층 수 1-6). 결과는 캐시됩니다.",
        "en": "Trains the current settings with one change at a time (self-loops, normalisation, 1-6 layers). "
        "Results are cached.",
    },
    "gcn.cls.ablating": {"ko": "모델 11개를 학습하는 중…", "en": "Training 11 models…"},
    "gcn.cls.ablation.change": {"ko": "바꾼 것", "en": "Change"},
    "gcn.cls.ablation.similarity": {
        "ko": "노드 특성 유사도 (학습된 층)",
        "en": "Node likeness (trained layers)",
    },
    "gcn.cls.ablation.smoothing": {
        "ko": "노드 특성 유사도 (가중치 없이 P^k X)",
        "en": "Node likeness (P^k X, no weights)",
    },
    "gcn.cls.ablation.loops": {"ko": "자기 루프 {value}", "en": "self-loops {value}"},
    "gcn.cls.ablation.norm": {"ko": "정규화: {value}", "en": "normalisation: {value}"},
    "gcn.cls.ablation.depth": {"ko": "GCN 층 {value}개", "en": "{value} GCN layers"},
    "gcn.cls.on": {"ko": "켬", "en": "on"},
    "gcn.cls.off": {"ko": "끔", "en": "off"},
    "gcn.cls.ablation_note": {
        "ko": "유사도 = 같은 그래프 안 노드 특성 벡터 사이의 평균 코사인 유사도 (1이면 모든 노드가 같음). "
        "층을 쌓을수록 이웃의 평균을 거듭 내므로 노드들이 서로 닮아 갑니다: **과평활화**(over-smoothing).",
        "en": "Likeness = the mean cosine similarity between the node feature vectors of the same graph (1: every "
        "node alike). Each layer averages over neighbours again, so stacking layers makes nodes alike: "
        "**over-smoothing**.",
    },
    "gcn.step.trained": {
        "ko": "그래프 분류에서 **학습된 가중치**(W, b)와 리드아웃({readout})을 씁니다. 은닉 크기와 가중치 시드는 쓰지 않습니다.",
        "en": "Using the **trained weights** (W, b) and readout ({readout}) from the graph classification. The hidden "
        "size and weight seed are not used.",
    },
    "gcn.step.trained_unfit": {
        "ko": "학습된 가중치는 노드 종류 {types}의 원-핫 특성(표의 특성)에 맞습니다. 이 그래프에는 맞지 않아 무작위 가중치를 씁니다.",
        "en": "The trained weights expect one-hot node types {types} (the table's features); they do not fit this "
        "graph, so random weights are used.",
    },
    "gcn.step.random_weights": {"ko": "무작위 가중치로", "en": "Random weights"},
    "gcn.step.class": {
        "ko": "분류기: 클래스 점수 = h_G W_c + b_c = {scores} → 예측 클래스 **{name}**",
        "en": "Classifier: class scores = h_G W_c + b_c = {scores} → predicted class **{name}**",
    },
    "gcn.cls.follow": {
        "ko": "그래프 {index}을(를) 학습된 가중치로 단계별로 따라가기",
        "en": "Follow graph {index} step by step with the trained weights",
    },
    "gcn.cls.follow_unfit": {
        "ko": "단계별 보기는 자기 루프와 대칭 정규화를 쓰는 1-2층 GCN을 보여 줍니다. 이 설정으로 학습하면 따라갈 수 있습니다.",
        "en": "The step view shows a 1-2 layer GCN with self-loops and symmetric normalisation: train with those "
        "settings to follow the model there.",
    },
    # ------------------------------------------------------------ lesson mode
    "gcn.lesson.norm": {
        "ko": "노드 4개짜리 경로 그래프에서 정규화된 인접 행렬 Â = D^-1/2 (A + I) D^-1/2 의 Â[0, 0] (끝 노드)은?",
        "en": "A path of 4 nodes: what is Â[0, 0] (an end node) of the normalised adjacency matrix Â = D^-1/2 (A + I) D^-1/2?",
    },
    "gcn.lesson.norm.result": {
        "ko": "계산한 값: 끝 노드 Â[0, 0] = **{end}**, 가운데 노드 Â[1, 1] = {mid}.",
        "en": "Computed: end node Â[0, 0] = **{end}**, middle node Â[1, 1] = {mid}.",
    },
    "gcn.lesson.norm.why": {
        "ko": "끝 노드는 이웃 1개와 자기 루프로 차수가 2이므로 1/√(2·2) = 0.5입니다.",
        "en": "An end node has one neighbour plus its self-loop, degree 2, so 1/√(2·2) = 0.5.",
    },
    "gcn.lesson.readout": {
        "ko": "같은 그래프를 두 개 이어 붙여 하나의 그래프로 만들면, 어느 리드아웃의 그래프 벡터가 그대로일까요?",
        "en": "Two copies of a graph joined into one graph: which readout's graph vector stays the same?",
    },
    "gcn.lesson.readout.mean": {"ko": "평균 (mean)", "en": "Mean"},
    "gcn.lesson.readout.sum": {"ko": "합 (sum)", "en": "Sum"},
    "gcn.lesson.readout.max_changes": {"ko": "어느 것도 아니다", "en": "None of them"},
    "gcn.lesson.readout.result": {
        "ko": "평균: {mean} → {mean2}, 합: {sum} → {sum2}.",
        "en": "Mean: {mean} → {mean2}; sum: {sum} → {sum2}.",
    },
    "gcn.lesson.readout.why": {
        "ko": "평균은 노드 수로 나누므로 크기에 무관하고, 합은 노드 수에 비례해 커집니다 (최댓값도 그대로입니다).",
        "en": "The mean divides by the node count, so size cancels; the sum grows with it (the max stays too).",
    },
}
